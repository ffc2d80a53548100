import { valuesOf } from './records';
import { sizeOf } from './sharded';
import type { IssuedLicense, Lease, Session } from './license.state';

/**
 * Seat counting. A lease or session holds its slot while now < expiresAt: a stale one counts
 * as free at its timeout instant (F5, S2, S3), before any expiry is recorded.
 */
export const isLive = (holder: { readonly expiresAt: number }, now: number): boolean =>
  now < holder.expiresAt;

export const liveLeases = (s: IssuedLicense, now: number): Lease[] =>
  valuesOf(s.leases).filter((l) => isLive(l, now));

export const liveSessions = (s: IssuedLicense, now: number): Session[] =>
  valuesOf(s.sessions).filter((x) => isLive(x, now));

export interface Seats {
  readonly inUse: number;
  readonly limit: number | null;
}

/** M1/T1: machine activations against maxMachines (null = unlimited). */
export const machineSeats = (s: IssuedLicense): Seats => ({
  inUse: sizeOf(s.activations),
  limit: s.policy.maxMachines,
});

/** F4: live leases against the floating cap. */
export const floatingSeats = (s: IssuedLicense, now: number): Seats => ({
  inUse: liveLeases(s, now).length,
  limit: s.policy.floating?.maxFloatingUsers ?? 0,
});

export interface SessionSeats {
  readonly all: Seats;
  /** S4: the pool everyone but a reserved account's first session draws from. */
  readonly shared: Seats;
  readonly sessionsOf: (username: string) => number;
}

/**
 * S4: each reserved account's first live session sits in its reserved slot; every other live
 * session (a reserved account's second, anyone else's) occupies the shared cap − |reserved|.
 */
export const sessionSeats = (s: IssuedLicense, now: number): SessionSeats => {
  const cap = s.policy.sessions?.maxSessions ?? 0;
  const reserved = new Set(s.reserved);
  const perUser = new Map<string, number>();
  for (const x of liveSessions(s, now)) perUser.set(x.username, (perUser.get(x.username) ?? 0) + 1);
  let inUse = 0;
  let shared = 0;
  for (const [user, n] of perUser) {
    inUse += n;
    shared += reserved.has(user) ? n - 1 : n;
  }
  return {
    all: { inUse, limit: cap },
    shared: { inUse: shared, limit: Math.max(0, cap - reserved.size) },
    sessionsOf: (u) => perUser.get(u) ?? 0,
  };
};

export const hasRoom = (seats: Seats): boolean => seats.limit === null || seats.inUse < seats.limit;
