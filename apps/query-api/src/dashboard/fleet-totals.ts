import { holdsSeats, type LicenseStatusName } from '@lic/domain';
import type { SeatCount } from '../seats/seats.view';

export type SeatKind = 'machine' | 'lease' | 'session';
const KINDS: readonly SeatKind[] = ['machine', 'lease', 'session'];

export interface KindTotal {
  readonly kind: SeatKind;
  /** Licenses with seats of this kind. */
  readonly licenses: number;
  readonly in_use: number;
  /** Seats allowed; null when any of the licenses is unlimited (a site license). */
  readonly cap: number | null;
  /** Licenses of this kind with no seat left. */
  readonly full: number;
}

export interface ProductTotals {
  readonly product_id: string;
  readonly product_name: string | null;
  readonly licenses: number;
  readonly kinds: KindTotal[];
}

interface Counted {
  readonly product_id: string;
  readonly product_name: string | null;
  readonly status: LicenseStatusName;
  readonly seats: Readonly<Record<SeatKind, SeatCount | null>>;
}

const kindTotals = (licenses: readonly Counted[]): KindTotal[] =>
  KINDS.flatMap((kind) => {
    const counts = licenses.flatMap((l) => (l.seats[kind] === null ? [] : [l.seats[kind]]));
    if (counts.length === 0) return [];
    return [
      {
        kind,
        licenses: counts.length,
        in_use: counts.reduce((sum, c) => sum + c.in_use, 0),
        cap: counts.some((c) => c.cap === null)
          ? null
          : counts.reduce((sum, c) => sum + (c.cap ?? 0), 0),
        full: counts.filter((c) => c.cap !== null && c.in_use >= c.cap).length,
      },
    ];
  });

/**
 * Seats in use by product and seat kind, and over the fleet. Machines, leases and sessions are
 * different seats: they are totalled separately, never added into one number. Licenses that
 * are revoked or expired hold no seats and count towards no cap.
 */
export const fleetTotals = (licenses: readonly Counted[]) => {
  const live = licenses.filter((l) => holdsSeats(l.status));
  const products = [...new Set(live.map((l) => l.product_id))].sort();
  return {
    fleet: kindTotals(live),
    products: products.map((id): ProductTotals => {
      const own = live.filter((l) => l.product_id === id);
      return {
        product_id: id,
        product_name: own[0]?.product_name ?? null,
        licenses: own.length,
        kinds: kindTotals(own),
      };
    }),
  };
};
