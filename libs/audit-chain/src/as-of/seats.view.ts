import type { LicenseStatusName } from '@lic/domain';

export interface SeatCount {
  /** null = unlimited. */
  readonly cap: number | null;
  readonly reserved: number;
  readonly in_use: number;
  /** null = unlimited. */
  readonly available: number | null;
}

export interface SessionSeatCount extends SeatCount {
  /** S4: the pool everyone but a reserved account's first session shares. */
  readonly shared: { readonly cap: number; readonly in_use: number };
}

export interface SeatsView {
  readonly license_id: string;
  /** The instant the seats are counted at. */
  readonly at: string;
  /** read-model: the live view; event-store: rebuilt from the license's events (as-of, A3). */
  readonly source: 'read-model' | 'event-store';
  /** The read models' checkpoint, or the position of the last event folded. */
  readonly position: string | null;
  readonly status: LicenseStatusName;
  readonly seats: {
    readonly machine: SeatCount | null;
    readonly lease: SeatCount | null;
    readonly session: SessionSeatCount | null;
  };
  readonly holders: {
    readonly activations: readonly {
      activation_id: string;
      fingerprint: string;
      /** The machine's name (hostname), if its activation gave one. */
      hostname: string | null;
      since: string;
    }[];
    readonly leases: readonly {
      lease_id: string;
      fingerprint: string;
      since: string;
      expires_at: string;
    }[];
    readonly sessions: readonly {
      session_id: string;
      username: string;
      kind: string;
      since: string;
      expires_at: string;
    }[];
  };
}

export const seatCount = (cap: number | null, inUse: number, reserved = 0): SeatCount => ({
  cap,
  reserved,
  in_use: inUse,
  available: cap === null ? null : Math.max(0, cap - inUse),
});

/** S4, as the domain counts it: a reserved account's first session sits in its own slot. */
export const sharedInUse = (usernames: readonly string[], reserved: readonly string[]): number => {
  const perUser = new Map<string, number>();
  for (const u of usernames) perUser.set(u, (perUser.get(u) ?? 0) + 1);
  const held = new Set(reserved);
  let shared = 0;
  for (const [user, n] of perUser) shared += held.has(user) ? n - 1 : n;
  return shared;
};
