import * as E from 'fp-ts/Either';
import { toIso } from '../shared/time';
import { licenseDecider } from './license.decider';
import type { LicenseEvent } from './license.events';
import { licenseMemos, memoKeys, memoryOf } from './license.memory';
import { given } from '../testing/license-spec';
import { at, commands as c, event, floatingPolicy, issued, sha } from '../testing/fixtures';

const cap2 = issued(floatingPolicy(2));
const out = (leaseId: string, when: number): LicenseEvent =>
  event('LeaseCheckedOut.v2', when, {
    leaseId,
    fingerprint: `fp-${leaseId}`,
    expiresAt: toIso(when + 15 * 60_000),
    seats: { inUse: 1, limit: 2 },
    idempotencyKey: `key-${leaseId}`,
    requestHash: sha(1),
    via: 'checkout',
    token: null,
    hostname: null,
  });
const checkedIn = (leaseId: string, when: number): LicenseEvent =>
  event('LeaseCheckedIn.v1', when, {
    leaseId,
    idempotencyKey: `in-${leaseId}`,
    requestHash: sha(2),
    via: 'checkin',
  });

describe("a license's memory (idempotency records and ended holders, beside the state)", () => {
  it('F6: the state no longer holds what a key is bound to: only the memory does', () => {
    const history = [cap2, out('L1', at({ m: 1 }))];
    const state = history.reduce(licenseDecider.evolve, licenseDecider.initialState);
    expect(JSON.stringify(state)).not.toContain('key-L1');
    expect(licenseMemos(out('L1', at({ m: 1 })))).toEqual([
      {
        key: 'key:key-L1',
        at: at({ m: 1 }),
        value: {
          kind: 'key',
          record: {
            operation: 'checkout',
            requestHash: sha(1),
            at: at({ m: 1 }),
            leaseId: 'L1',
            leaseExpiresAt: at({ m: 16 }),
          },
        },
      },
    ]);
  });

  it('F6: a decision declares the keys it reads: its Idempotency-Key, and a holder only once it is no longer live', () => {
    const history = [cap2, out('L1', at({ m: 1 }))];
    const state = history.reduce(licenseDecider.evolve, licenseDecider.initialState);
    expect(memoKeys(c.checkout('L2', 'fp', 'K'), state)).toEqual(['key:K']);
    expect(memoKeys(c.heartbeat('L1'), state)).toEqual([]);
    expect(memoKeys(c.heartbeat('L9'), state)).toEqual(['lease:L9']);
    expect(memoKeys(c.checkin('L9', 'IN'), state)).toEqual(['key:IN', 'lease:L9']);
    expect(memoKeys(c.logout('S1'), state)).toEqual(['session:S1']);
    expect(memoKeys(c.settle(), state)).toEqual([]);
  });

  it('F6: a key bound more than the retention window ago is fresh again, whether the memory still holds it or not', () => {
    const history = [cap2, out('L1', at({ m: 1 })), checkedIn('L1', at({ m: 2 }))];
    const state = history.reduce(licenseDecider.evolve, licenseDecider.initialState);
    const later = at({ h: 25 });
    const command = c.checkout('L2', 'fp-x', 'key-L1', sha(9));
    const remembered = licenseDecider.decide(command, state, {
      now: later,
      recall: memoryOf(history),
    });
    const forgotten = licenseDecider.decide(command, state, {
      now: later,
      recall: () => undefined,
    });
    expect(E.isRight(remembered) && remembered.right.map((e) => e.type)).toEqual([
      'LeaseCheckedOut.v2',
    ]);
    expect(remembered).toEqual(forgotten);
  });

  it('F3: a lease checked in more than the retention window ago is not found, though the memory still holds it', () => {
    const history = [cap2, out('L1', at({ m: 1 })), checkedIn('L1', at({ m: 2 }))];
    given(...history)
      .when(c.heartbeat('L1'), at({ h: 1 }))
      .thenError('LEASE_NOT_ACTIVE');
    given(...history)
      .when(c.heartbeat('L1'), at({ h: 25 }))
      .thenError('LEASE_NOT_FOUND');
  });

  it('F5: a lease expired by the decision itself is remembered as expired within that decision', () => {
    given(cap2, out('L1', at({ m: 1 })))
      .when(c.checkin('L1', 'IN'), at({ m: 30 }))
      .thenError('LEASE_EXPIRED');
  });
});
