import * as E from 'fp-ts/Either';
import type { LicenseCommand } from '../license/license.commands';
import type { LicenseEvent } from '../license/license.events';
import type { DomainError } from '../shared/errors';
import type { SeatModel } from './seat-model';
import type { Expected } from './seat-oracle';

/**
 * What a property run exercised, counted over every decision of every generated history, so
 * that a weak generator shows: a run that never reaches a cap, never lands on a deadline or
 * never replays a key proves little. Keys start with the rule they speak for.
 */
export type Coverage = Map<string, number>;

const inc = (c: Coverage, key: string, n = 1) => c.set(key, (c.get(key) ?? 0) + n);

const countEvents = (c: Coverage, m: SeatModel, events: readonly LicenseEvent[], now: number) => {
  for (const e of events) {
    switch (e.type) {
      case 'LeaseCheckedOut.v2':
        inc(c, `F4: leases granted (via ${e.data.via})`);
        if (e.data.seats.inUse === e.data.seats.limit) inc(c, 'F4: grants that filled the cap');
        break;
      case 'CheckoutRefused.v1':
      case 'ActivationRefused.v1':
      case 'SessionRefused.v1':
        inc(c, `${e.type.replace('.v1', '')}: ${e.data.reason} (recorded)`);
        break;
      case 'LeaseExpired.v1':
        inc(c, 'F5: LeaseExpired recorded at its deadline');
        break;
      case 'LeaseHeartbeat.v1':
        inc(c, `F2: lease renewed (via ${e.data.via})`);
        break;
      case 'SessionOpened.v1':
        inc(c, `S1: sessions opened (${e.data.kind}, ${e.data.pool} pool)`);
        if (e.data.pool === 'reserved' && e.data.shared.inUse >= (e.data.shared.limit ?? 0)) {
          inc(c, 'S4: reserved slot taken while the shared pool was full');
        }
        break;
      case 'SessionActivityRecorded.v1': {
        const hard = m.sessions.get(e.data.sessionId)?.hardExpiresAt;
        const capped = hard !== undefined && hard !== null && Date.parse(e.data.expiresAt) === hard;
        inc(c, capped ? 'S3: activity capped at the absolute end' : 'S2: activity renewed');
        break;
      }
      case 'SessionClosed.v1':
        inc(c, `S1: sessions closed (${e.data.reason})`);
        break;
      case 'MachineActivated.v2':
        inc(c, e.data.slotTaken ? 'M1: machines activated' : 'M1: re-activations (no new slot)');
        break;
      case 'MachineDeactivated.v1':
        inc(c, `M3: machines deactivated (${e.data.reason})`);
        break;
      default:
        break;
    }
  }
  const deadlines = [...m.leases.values(), ...m.sessions.values()].map((h) => h.expiresAt);
  if (deadlines.includes(now)) inc(c, 'F5/S2: decisions exactly at a deadline');
  if (deadlines.includes(now + 1)) inc(c, 'F5/S2: decisions 1 ms before a deadline');
  if (deadlines.includes(now - 1)) inc(c, 'F5/S2: decisions 1 ms after a deadline');
};

export const countDecision = (
  c: Coverage,
  m: SeatModel,
  command: LicenseCommand,
  expected: Expected,
  outcome: E.Either<DomainError, readonly LicenseEvent[]>,
  now: number,
): void => {
  inc(c, 'decisions');
  if (E.isLeft(outcome)) {
    const { code, suppressedRefusal } = outcome.left;
    inc(
      c,
      `errors: ${command.type} ${code}${suppressedRefusal ? ' (refusal not recorded again)' : ''}`,
    );
  }
  if (expected.kind === 'replay') inc(c, `F6: replays (${command.type})`);
  const floating = m.policy.floating;
  if (floating && command.type === 'CheckoutLease' && expected.kind !== 'replay') {
    const live = m.liveLeases(now).length;
    const stale = m.leases.size - live;
    inc(
      c,
      live >= floating.maxFloatingUsers
        ? 'F4: checkouts at the cap'
        : 'F4: checkouts below the cap',
    );
    const granted =
      E.isRight(outcome) && outcome.right.some((e) => e.type === 'LeaseCheckedOut.v2');
    if (granted && live + stale >= floating.maxFloatingUsers) {
      inc(c, 'F5: grants of a seat freed by a timeout not yet recorded');
    }
  }
  if (command.type === 'HeartbeatLease') {
    const lease = m.leases.get(command.leaseId);
    if (lease?.expiresAt === now) inc(c, 'F5: heartbeats exactly at the lease deadline (refused)');
    if (lease?.expiresAt === now + 1) inc(c, 'F5: heartbeats 1 ms before the deadline (accepted)');
  }
  if (command.type === 'RecordSessionActivity') {
    const session = m.sessions.get(command.sessionId);
    if (session?.expiresAt === now)
      inc(c, 'S2/S3: activity exactly at the session deadline (refused)');
    if (session?.expiresAt === now + 1)
      inc(c, 'S2/S3: activity 1 ms before the deadline (accepted)');
  }
  const bound =
    (command.type === 'CheckoutLease' || command.type === 'CheckinLease') &&
    m.keys.get(command.idempotencyKey);
  if (bound && expected.kind !== 'replay' && !(expected.kind === 'error')) {
    inc(c, 'F6: keys used again after their retention ended');
  }
  countEvents(c, m, E.isRight(outcome) ? outcome.right : [], now);
};

/** One line per counter, sorted by rule, for the test's output. */
export const describeCoverage = (title: string, c: Coverage): string =>
  [
    `${title}:`,
    ...[...c.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, n]) => `  ${String(n).padStart(7)}  ${k}`),
  ].join('\n');

/** Fails naming every counter below its floor: the generator did not exercise what it should. */
export const requireCoverage = (c: Coverage, floors: Readonly<Record<string, number>>): void => {
  const short = Object.entries(floors)
    .filter(([k, floor]) => (c.get(k) ?? 0) < floor)
    .map(([k, floor]) => `${k}: ${c.get(k) ?? 0} < ${floor}`);
  if (short.length > 0) throw new Error(`weak generator — too few of:\n${short.join('\n')}`);
};
