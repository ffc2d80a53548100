// A busy license's history — a render farm's day of checkouts and checkins, each bound to its
// own Idempotency-Key — decided in memory by the domain's own decider, then appended in bulk.
// Shared by the pipeline's tests (F6 after a restart) and the busy-license benchmark.
import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/Either';
import {
  licenseDecider,
  licenseMemos,
  type LicenseCommand,
  type LicenseEvent,
  type LicenseState,
} from '@lic/domain';
import type { EventStore } from '@lic/event-store';
import { checkoutCommand, floatingCap, hashOf, issueCommand, meta } from './builders';

export const checkinCommand = (licenseId: string, n: number | string): LicenseCommand => ({
  type: 'CheckinLease',
  licenseId,
  actor: { kind: 'license', id: licenseId },
  leaseId: `lease-${n}`,
  idempotencyKey: `in-${n}`,
  requestHash: hashOf(`checkin-${n}`),
});

/** Appends a license's events in one call at `revision`; the next expected revision. */
export const appendBulk = async (
  store: EventStore,
  licenseId: string,
  events: readonly LicenseEvent[],
  revision: bigint | 'no_stream',
): Promise<bigint> => {
  const result = await store.appendToStream(
    `license-${licenseId}`,
    events.map((e) => ({
      id: randomUUID(),
      type: e.type,
      data: e.data,
      metadata: meta('license:bench'),
    })),
    revision,
  );
  return result.nextExpectedRevision;
};

/**
 * Issues `licenseId` (a floating cap of 1,000) and binds `keys` Idempotency-Keys: keys/2
 * checkouts (key-i, lease-i) each followed by its checkin (in-i), 100 ms apart, the last one
 * just before `now`: all still live. Appended 1,000 events at a time.
 */
export const fillWithKeys = async (
  store: EventStore,
  licenseId: string,
  keys: number,
  now: number,
): Promise<void> => {
  let state: LicenseState = licenseDecider.initialState;
  const events: LicenseEvent[] = [];
  // The history's own memory, kept as it grows (the decider reads keys only through it).
  const memos = new Map<string, unknown>();
  const decide = (command: LicenseCommand, at: number) => {
    const decided = licenseDecider.decide(command, state, {
      now: at,
      recall: (key) => memos.get(key),
    });
    if (E.isLeft(decided)) throw new Error(`${command.type}: ${decided.left.message}`);
    for (const e of decided.right) state = licenseDecider.evolve(state, e);
    for (const e of decided.right) for (const m of licenseMemos(e)) memos.set(m.key, m.value);
    events.push(...decided.right);
  };
  const start = now - keys * 100;
  decide(issueCommand(licenseId, floatingCap(1000)), start);
  for (let i = 0; i < keys / 2; i++) {
    decide(checkoutCommand(licenseId, i), start + i * 200);
    decide(checkinCommand(licenseId, i), start + i * 200 + 100);
  }
  let revision: bigint | 'no_stream' = 'no_stream';
  for (let i = 0; i < events.length; i += 1000) {
    revision = await appendBulk(store, licenseId, events.slice(i, i + 1000), revision);
  }
};
