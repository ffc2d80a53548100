import type { LicenseStatusName } from '@lic/domain';
import { fleetTotals } from './fleet-totals';

const seat = (in_use: number, cap: number | null) => ({
  cap,
  in_use,
  reserved: 0,
  available: cap === null ? null : cap - in_use,
});
const license = (
  product_id: string,
  status: LicenseStatusName,
  seats: Partial<Record<'machine' | 'lease' | 'session', ReturnType<typeof seat>>>,
) => ({
  product_id,
  product_name: product_id === 'maya' ? 'Maya plug-in' : 'Houdini',
  status,
  seats: { machine: null, lease: null, session: null, ...seats },
});

describe('fleet totals', () => {
  it('A2: seats are totalled per product and per seat kind, never machines + leases + sessions in one figure', () => {
    const totals = fleetTotals([
      license('maya', 'active', { machine: seat(2, 5), lease: seat(3, 3) }),
      license('maya', 'active', { lease: seat(1, 10) }),
      license('houdini', 'active', { session: seat(4, 4) }),
    ]);
    expect(totals.fleet).toEqual([
      { kind: 'machine', licenses: 1, in_use: 2, cap: 5, full: 0 },
      { kind: 'lease', licenses: 2, in_use: 4, cap: 13, full: 1 },
      { kind: 'session', licenses: 1, in_use: 4, cap: 4, full: 1 },
    ]);
    expect(
      totals.products.map((p) => [p.product_id, p.product_name, p.licenses, p.kinds.length]),
    ).toEqual([
      ['houdini', 'Houdini', 1, 1],
      ['maya', 'Maya plug-in', 2, 2],
    ]);
  });

  it('T1: a site license makes its pool unlimited (cap null), not "0 / ∞"; revoked and expired licenses count nowhere', () => {
    const totals = fleetTotals([
      license('maya', 'active', { machine: seat(7, null) }),
      license('maya', 'active', { machine: seat(1, 2) }),
      license('maya', 'revoked', { machine: seat(0, 50) }),
      license('maya', 'expired', { machine: seat(0, 50) }),
    ]);
    expect(totals.fleet).toEqual([{ kind: 'machine', licenses: 2, in_use: 8, cap: null, full: 0 }]);
  });
});
