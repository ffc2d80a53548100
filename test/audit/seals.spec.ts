import {
  SEAL_STREAM,
  makeSeal,
  linkOf,
  sealedHeads,
  verifyChain,
  verifySeal,
  type ChainEvent,
  type Seal,
} from '@lic/audit-chain';
import { fixedClock } from '@lic/clock';
import { recordSeal, verifyStore } from '@lic/command-pipeline';
import { openSqliteEventStore, type EventStore } from '@lic/event-store';
import { writeChainedHistory } from './support/chained-history';
import { forgerKey, freshRing } from './support/keys';

const T0 = Date.parse('2026-03-01T00:00:00.000Z');
const clock = fixedClock(T0);

const sealsIn = async (store: EventStore): Promise<ChainEvent[]> => {
  const out: ChainEvent[] = [];
  for await (const e of store.readStream(SEAL_STREAM)) out.push(e);
  return out;
};

describe('signed seals', () => {
  it('seal the head of every stream changed since the last seal, signed with the ring key', async () => {
    const ring = await freshRing(T0);
    const { eventStore, snapshotStore } = openSqliteEventStore({ file: ':memory:', clock });
    await writeChainedHistory({ eventStore, snapshotStore }, clock);
    const first = await recordSeal(eventStore, clock, () => ring.current);
    expect(first.kind).toBe('sealed');
    const seal = (first as { seal: Seal }).seal;
    expect(seal.heads.map((h) => [h.stream, h.revision])).toEqual([
      ['license-L1', '5'],
      ['license-L2', '5'],
    ]);
    expect(await verifySeal(seal, ring.jwks())).toEqual({ valid: true, kid: ring.current.kid });
    expect((await verifyStore(eventStore, sealedHeads(seal))).breaks).toEqual([]);

    expect(await recordSeal(eventStore, clock, () => ring.current)).toEqual({
      kind: 'nothing-new',
    });
    await eventStore.close();
  });

  it('two replicas sealing at once: one seal is recorded, the other gives way; seals chain', async () => {
    const ring = await freshRing(T0);
    const stores = openSqliteEventStore({ file: ':memory:', clock });
    await writeChainedHistory(stores, clock);
    const outcomes = await Promise.all([
      recordSeal(stores.eventStore, clock, () => ring.current),
      recordSeal(stores.eventStore, clock, () => ring.current),
    ]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['sealed', 'sealed-elsewhere']);
    const seals = await sealsIn(stores.eventStore);
    expect(seals).toHaveLength(1);
    expect(linkOf(seals[0]).kind).toBe('chained');
    expect(verifyChain(seals).breaks).toEqual([]);
    await stores.eventStore.close();
  });

  it('a seal forged with another key under the server kid is named: the signature does not verify', async () => {
    const ring = await freshRing(T0);
    const stores = openSqliteEventStore({ file: ':memory:', clock });
    await writeChainedHistory(stores, clock);
    const recorded = await recordSeal(stores.eventStore, clock, () => ring.current);
    const key = await forgerKey(ring.current.kid);
    const genuine = (recorded as { seal: Seal }).seal;
    const fake = await makeSeal(
      new Map(sealedHeads(genuine).map((h) => [h.stream, h.head])),
      genuine.sealedAt,
      BigInt(genuine.upTo),
      key,
    );
    expect(await verifySeal(fake, ring.jwks())).toEqual({
      valid: false,
      reason: `the signature does not verify with key ${ring.current.kid}`,
    });
    const edited = { ...genuine, heads: genuine.heads.slice(1) };
    expect(await verifySeal(edited, ring.jwks())).toEqual({
      valid: false,
      reason: 'its Merkle root is not the root of its heads',
    });
    await stores.eventStore.close();
  });
});
