import type { EventStore } from '@lic/event-store';
import { ChainVerifier, type ChainHead, type ChainReport } from '@lic/audit-chain';

/**
 * Checks every link of every stream of a live store, reading $all once in commit order;
 * `sealed` heads (from seals) must be found in the history as recorded.
 */
export const verifyStore = async (
  store: EventStore,
  sealed: Iterable<{ readonly stream: string; readonly head: ChainHead }> = [],
): Promise<ChainReport> => {
  const verifier = new ChainVerifier();
  for (const s of sealed) verifier.expect(s.stream, s.head);
  for await (const event of store.readAll()) verifier.add(event);
  return verifier.report();
};
