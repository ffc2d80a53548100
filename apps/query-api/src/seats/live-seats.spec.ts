import type { LeaseRow, LicenseRow, SessionRow } from '@lic/read-models';
import { liveSeats } from './live-seats';

const license: LicenseRow = {
  licenseId: 'lic-1',
  productId: 'p',
  variantId: 'v',
  licenseType: 'per-machine',
  licensee: null,
  trial: false,
  standing: 'active',
  threat: 'normal',
  status: 'active',
  statusReason: null,
  issuedAt: '2026-03-02T09:00:00.000Z',
  expiresAt: '2027-03-02T09:00:00.000Z',
  expiredAt: null,
  maxMachines: 5,
  maxFloating: 3,
  floatingTimeoutMinutes: 15,
  maxSessions: 3,
  reservedAccounts: '["boss"]',
  policy: '{}',
  updatedAt: '2026-03-02T09:00:00.000Z',
  updatedPosition: 1n,
};
const lease = (leaseId: string, expiresAt: string): LeaseRow => ({
  id: 1n,
  licenseId: 'lic-1',
  leaseId,
  hostname: null,
  fingerprint: `fp-${leaseId}`,
  via: 'checkout',
  checkedOutAt: '2026-03-02T09:00:00.000Z',
  expiresAt,
  heartbeats: 0,
  lastHeartbeatAt: null,
  endedAt: null,
  endReason: null,
  endRecordedAt: null,
});
const session = (sessionId: string, username: string): SessionRow => ({
  id: 2n,
  licenseId: 'lic-1',
  sessionId,
  username,
  kind: 'interactive',
  pool: 'shared',
  openedAt: '2026-03-02T09:00:00.000Z',
  lastActivityAt: '2026-03-02T09:00:00.000Z',
  activities: 0,
  expiresAt: '2026-03-02T09:20:00.000Z',
  hardExpiresAt: null,
  endedAt: null,
  endReason: null,
  endRecordedAt: null,
});

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
