import { fromIso } from '@lic/domain';
import type { HolderKind } from '../../schema/entities';
import type { RowChange } from '../row-change';

const step = (licenseId: string, holderKind: HolderKind, at: number, delta: number): RowChange => ({
  table: 'seat_steps',
  step: { licenseId, holderKind, at, delta },
});

/**
 * A holder occupies [start, end): +1 at its start, -1 at its end. The end of a lease or
 * session is its current deadline until it ends; `end` never precedes `start`.
 */
export const seatTaken = (
  licenseId: string,
  kind: HolderKind,
  start: string,
  end: string | null,
): RowChange[] => {
  const from = fromIso(start);
  return [
    step(licenseId, kind, from, 1),
    ...(end === null ? [] : [step(licenseId, kind, Math.max(from, fromIso(end)), -1)]),
  ];
};

/** The seat is now freed at `next` instead of `previous` (a heartbeat, a checkin, an expiry). */
export const seatEndMoved = (
  licenseId: string,
  kind: HolderKind,
  start: string,
  previous: string | null,
  next: string,
): RowChange[] => {
  const from = fromIso(start);
  const was = previous === null ? null : Math.max(from, fromIso(previous));
  const now = Math.max(from, fromIso(next));
  if (was === now) return [];
  return [...(was === null ? [] : [step(licenseId, kind, was, 1)]), step(licenseId, kind, now, -1)];
};
