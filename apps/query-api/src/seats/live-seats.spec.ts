import { liveSeats } from './live-seats';
import { lease, license, session } from './read-rows.fixture';

describe('live seats', () => {
  it('F5: a lease counts while now < expires_at, and is free from its deadline on, recorded or not', () => {
    const leases = [lease('a', '2026-03-02T09:15:00.000Z'), lease('b', '2026-03-02T09:30:00.000Z')];
    const at = (now: string) =>
      liveSeats(license, { activations: [], leases, sessions: [] }, now, '7').seats.lease;
    expect(at('2026-03-02T09:14:59.999Z')).toEqual({
      cap: 3,
      reserved: 0,
      in_use: 2,
      available: 1,
    });
    expect(at('2026-03-02T09:15:00.000Z')).toEqual({
      cap: 3,
      reserved: 0,
      in_use: 1,
      available: 2,
    });
  });

  it('S4: a reserved account’s first session sits in its own slot; the others share the rest', () => {
    const sessions = [session('1', 'boss'), session('2', 'boss'), session('3', 'ann')];
    const view = liveSeats(
      license,
      { activations: [], leases: [], sessions },
      '2026-03-02T09:05:00.000Z',
      null,
    );
    expect(view.seats.session).toEqual({
      cap: 3,
      reserved: 1,
      in_use: 3,
      available: 0,
      shared: { cap: 2, in_use: 2 },
    });
  });

  it('O7: a license past its expiry deadline reads as expired before LicenseExpired is recorded', () => {
    const view = liveSeats(
      license,
      { activations: [], leases: [], sessions: [] },
      '2027-03-02T09:00:00.000Z',
      null,
    );
    expect(view.status).toBe('expired');
  });
});
