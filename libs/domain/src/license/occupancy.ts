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
 * `usernames` has one entry per live session.
 */
export const sessionPool = (
  usernames: readonly string[],
  reserved: readonly string[],
  cap: number,
): SessionSeats => {
  const held = new Set(reserved);
  const perUser = new Map<string, number>();
  for (const u of usernames) perUser.set(u, (perUser.get(u) ?? 0) + 1);
  let shared = 0;
  for (const [user, n] of perUser) shared += held.has(user) ? n - 1 : n;
  return {
    all: { inUse: usernames.length, limit: cap },
    shared: { inUse: shared, limit: Math.max(0, cap - held.size) },
    sessionsOf: (u) => perUser.get(u) ?? 0,
  };
};

export const sessionSeats = (s: IssuedLicense, now: number): SessionSeats =>
  sessionPool(
    liveSessions(s, now).map((x) => x.username),
    s.reserved,
    s.policy.sessions?.maxSessions ?? 0,
  );

/** Seats left under a cap (never negative); null = unlimited. */
export const seatsAvailable = (seats: Seats): number | null =>
  seats.limit === null ? null : Math.max(0, seats.limit - seats.inUse);

export const hasRoom = (seats: Seats): boolean => {
  const left = seatsAvailable(seats);
  return left === null || left > 0;
};

/** The kinds of seat a license can hold. */
export type SeatKind = 'machine' | 'lease' | 'session';

/** What decides a license's seat kinds, as the policy (or a read model's row) has it. */
export interface SeatCaps {
  readonly licenseType: string;
  readonly maxFloating: number | null;
  readonly maxSessions: number | null;
}

export const seatCapsOf = (policy: IssuedLicense['policy']): SeatCaps => ({
  licenseType: policy.licenseType,
  maxFloating: policy.floating?.maxFloatingUsers ?? null,
  maxSessions: policy.sessions?.maxSessions ?? null,
});

/**
 * The seat kinds a license has: machines unless it is floating-only, leases with a floating
 * overlay, sessions with a session overlay.
 */
export const seatKinds = (caps: SeatCaps): SeatKind[] => [
  ...(caps.licenseType === 'floating' ? [] : (['machine'] as const)),
  ...(caps.maxFloating === null ? [] : (['lease'] as const)),
  ...(caps.maxSessions === null ? [] : (['session'] as const)),
];
