import { DAY_MS, offlineVerdict, type OfflineFacts } from './offline-allowance';

const T0 = Date.UTC(2026, 0, 1);
const facts = (over: Partial<OfflineFacts>): OfflineFacts => ({
  status: 'active',
  statusSince: T0,
  confirmedAt: T0,
  offlineDays: 30,
  tokenExpiresAt: T0 + 30 * DAY_MS,
  ...over,
});

describe('offlineVerdict', () => {
  it('O2: active runs 30 days from the last online confirmation, and not past the token', () => {
    expect(offlineVerdict(facts({}), T0 + 30 * DAY_MS - 1)).toMatchObject({ allowed: true });
    expect(offlineVerdict(facts({}), T0 + 30 * DAY_MS)).toMatchObject({
      allowed: false,
      code: 'TOKEN_EXPIRED',
    });
    const confirmedLater = facts({ confirmedAt: T0 + 10 * DAY_MS });
    expect(offlineVerdict(confirmedLater, T0 + 31 * DAY_MS).until).toBe(T0 + 30 * DAY_MS);
  });

  it('O2: degraded runs 1 day', () => {
    const degraded = facts({ status: 'degraded', offlineDays: 1 });
    expect(offlineVerdict(degraded, T0 + DAY_MS - 1).allowed).toBe(true);
    expect(offlineVerdict(degraded, T0 + DAY_MS)).toMatchObject({
      allowed: false,
      code: 'OFFLINE_ALLOWANCE_EXCEEDED',
    });
  });

  it('O2: suspended runs 3 days from when the suspension was learned, however often confirmed since', () => {
    const suspended = facts({
      status: 'suspended',
      offlineDays: 3,
      statusSince: T0,
      confirmedAt: T0 + 2 * DAY_MS,
    });
    expect(offlineVerdict(suspended, T0 + 3 * DAY_MS - 1).allowed).toBe(true);
    expect(offlineVerdict(suspended, T0 + 3 * DAY_MS).allowed).toBe(false);
  });

  it('O2: revoked and expired have no allowance, whatever the server said', () => {
    for (const status of ['revoked', 'expired'] as const) {
      expect(offlineVerdict(facts({ status, offlineDays: 30 }), T0)).toMatchObject({
        allowed: false,
        code: status === 'revoked' ? 'LICENSE_REVOKED' : 'LICENSE_EXPIRED',
      });
    }
  });

  it('O2: the allowance is per policy: a session-only policy (0 days) never runs offline', () => {
    expect(offlineVerdict(facts({ offlineDays: 0 }), T0).allowed).toBe(false);
  });
});
