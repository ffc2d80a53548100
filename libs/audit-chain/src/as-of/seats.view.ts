/** The seats view: the query API's live and as-of answers and the offline verifier's, one shape. */
import {
  seatsAvailable,
  type LicenseStatusName,
  type SeatKind,
  type Seats,
  type SessionSeats,
} from '@lic/domain';

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
      /** The machine's name (hostname), if its checkout gave one. */
      hostname: string | null;
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

export const seatCount = (seats: Seats, reserved = 0): SeatCount => ({
  cap: seats.limit,
  reserved,
  in_use: seats.inUse,
  available: seatsAvailable(seats),
});

/** What a license's seats are, as the domain counted them: one entry per kind it has. */
export interface CountedSeats {
  readonly kinds: readonly SeatKind[];
  readonly machine: Seats;
  readonly lease: Seats;
  /** S4: the pool, and how many accounts are reserved. */
  readonly session: SessionSeats;
  readonly reserved: number;
}

export const seatsSection = (c: CountedSeats): SeatsView['seats'] => ({
  machine: c.kinds.includes('machine') ? seatCount(c.machine) : null,
  lease: c.kinds.includes('lease') ? seatCount(c.lease) : null,
  session: c.kinds.includes('session')
    ? {
        ...seatCount(c.session.all, c.reserved),
        shared: { cap: c.session.shared.limit ?? 0, in_use: c.session.shared.inUse },
      }
    : null,
});
