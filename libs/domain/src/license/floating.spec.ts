import * as E from 'fp-ts/Either';
import { toIso } from '../shared/time';
import { idempotentOutcome } from './idempotency';
import { floatingSeats } from './occupancy';
import type { IssuedLicense } from './license.state';
import { given } from '../testing/license-spec';
import {
  T0,
  at,
  commands as c,
  event,
  floatingPolicy,
  issued,
  policyOf,
  sha,
} from '../testing/fixtures';

const cap2 = issued(floatingPolicy(2));
const out = (leaseId: string, when: number, timeoutMin = 15) =>
  event('LeaseCheckedOut.v2', when, {
    hostname: null,
    leaseId,
    fingerprint: `fp-${leaseId}`,
    expiresAt: toIso(when + timeoutMin * 60_000),
    seats: { inUse: 1, limit: 2 },
    idempotencyKey: `key-${leaseId}`,
    requestHash: sha(1),
    via: 'checkout',
    token: null,
  });

describe('floating leases', () => {
  it('F1: a checkout returns a lease that expires one timeout after it was taken', () => {
    given(cap2)
      .when(c.checkout('L1'), at({ m: 1 }))
      .then({
        type: 'LeaseCheckedOut.v2',
        data: {
          leaseId: 'L1',
          fingerprint: 'fp-L1',
          expiresAt: toIso(at({ m: 16 })),
          seats: { inUse: 1, limit: 2 },
          idempotencyKey: 'key-L1',
        },
      });
  });

  it('F1: a license without the floating overlay refuses checkout and records nothing', () => {
    given(issued(policyOf('indie')))
      .when(c.checkout('L1'), T0)
      .thenError('FLOATING_NOT_ENABLED');
  });

  it('F2: a heartbeat extends the lease to one timeout after the heartbeat', () => {
    given(cap2, out('L1', T0))
      .when(c.heartbeat('L1'), at({ m: 10 }))
      .then({
        type: 'LeaseHeartbeat.v1',
        data: { leaseId: 'L1', expiresAt: toIso(at({ m: 25 })), via: 'heartbeat' },
      });
  });

  it('F3: checkin releases the seat at once', () => {
    const r = given(cap2, out('L1', T0), out('L2', T0))
      .when(c.checkin('L1'), at({ m: 1 }))
      .then({ type: 'LeaseCheckedIn.v1', data: { leaseId: 'L1', via: 'checkin' } });
    expect(floatingSeats(r.state as IssuedLicense, at({ m: 1 })).inUse).toBe(1);
    given(cap2, out('L1', T0), out('L2', T0), ...r.events)
      .when(c.checkout('L3'), at({ m: 1 }))
      .then({ type: 'LeaseCheckedOut.v2', data: { seats: { inUse: 2, limit: 2 } } });
  });

  it('F4: a checkout over the cap is refused, and the refusal is recorded with the seat count', () => {
    given(cap2, out('L1', T0), out('L2', T0))
      .when(c.checkout('L3'), at({ m: 1 }))
      .then({
        type: 'CheckoutRefused.v1',
        data: { fingerprint: 'fp-L3', reason: 'SEATS_EXHAUSTED', seats: { inUse: 2, limit: 2 } },
      });
  });

  it('F5: a lease without heartbeat stops counting at its timeout instant', () => {
    const cap1 = issued(floatingPolicy(1, 15));
    given(cap1, out('L1', T0))
      .when(c.checkout('L2'), at({ m: 15, ms: -1 }))
      .then({ type: 'CheckoutRefused.v1', data: { reason: 'SEATS_EXHAUSTED' } });
    given(cap1, out('L1', T0))
      .when(c.checkout('L2'), at({ m: 15 }))
      .then(
        { type: 'LeaseExpired.v1', data: { leaseId: 'L1', expiredAt: toIso(at({ m: 15 })) } },
        { type: 'LeaseCheckedOut.v2', data: { leaseId: 'L2', seats: { inUse: 1, limit: 1 } } },
      );
  });

  it('F5: a heartbeat arriving exactly at the timeout instant is too late', () => {
    given(cap2, out('L1', T0))
      .when(c.heartbeat('L1'), at({ m: 15 }))
      .thenError('LEASE_EXPIRED');
    given(cap2, out('L1', T0))
      .when(c.heartbeat('L1'), at({ m: 15, ms: -1 }))
      .then({ type: 'LeaseHeartbeat.v1' });
  });

  it('F5: a heartbeat on a lease that expired and whose seat was taken by someone else is refused', () => {
    const cap1 = issued(floatingPolicy(1, 15));
    const taken = given(cap1, out('L1', T0)).when(c.checkout('L2'), at({ m: 16 }));
    given(cap1, out('L1', T0), ...taken.events)
      .when(c.heartbeat('L1'), at({ m: 17 }))
      .thenError('LEASE_EXPIRED');
    // ...and the new holder keeps its seat.
    given(cap1, out('L1', T0), ...taken.events)
      .when(c.heartbeat('L2'), at({ m: 17 }))
      .then({ type: 'LeaseHeartbeat.v1', data: { leaseId: 'L2' } });
  });

  it('F5, F3: a late heartbeat is told why the lease is gone: expired, or ended (and how)', () => {
    const expired = given(cap2, out('L1', T0)).when(c.settle(), at({ m: 16 }));
    const r = given(cap2, out('L1', T0), ...expired.events).when(c.heartbeat('L1'), at({ m: 17 }));
    r.thenError('LEASE_EXPIRED');
    expect(E.isLeft(r.result) && r.result.left.details).toEqual({ reason: 'expired' });
    const ci = given(cap2, out('L1', T0)).when(c.checkin('L1'), at({ m: 1 }));
    const late = given(cap2, out('L1', T0), ...ci.events).when(c.heartbeat('L1'), at({ m: 2 }));
    late.thenError('LEASE_NOT_ACTIVE');
    expect(E.isLeft(late.result) && late.result.left.details).toEqual({
      reason: 'checked-in:checkin',
    });
    given(cap2).when(c.heartbeat('never'), T0).thenError('LEASE_NOT_FOUND');
  });

  it('F3: checkin on a license without the floating overlay is refused', () => {
    given(issued(policyOf('indie')))
      .when(c.checkin('L1'), T0)
      .thenError('FLOATING_NOT_ENABLED');
  });

  it("F7: /validate on a floating license renews the machine's lease; another machine, or a lapsed lease, is refused", () => {
    const act = given(cap2).when(c.activate('node-7'), T0);
    const token = { tokenId: 'tok-node-7-1', issuedAt: T0, expiresAt: at({ m: 15 }) };
    given(cap2, ...act.events)
      .when(c.validate('node-7', token), at({ m: 10 }))
      .then({
        type: 'LeaseHeartbeat.v1',
        data: { leaseId: 'act-node-7', via: 'validation', expiresAt: toIso(at({ m: 25 })) },
      });
    given(cap2, ...act.events)
      .when(c.validate('node-8', token, 'act-node-7'), at({ m: 10 }))
      .then({ type: 'ValidationRefused.v1', data: { reason: 'ACTIVATION_NOT_FOUND' } });
    given(cap2, ...act.events)
      .when(c.validate('node-7', token), at({ m: 15 }))
      .then(
        { type: 'LeaseExpired.v1' },
        { type: 'ValidationRefused.v1', data: { reason: 'ACTIVATION_NOT_FOUND' } },
      );
  });

  it('F5: the clean-up records LeaseExpired once, with the timeout instant, after the deadline', () => {
    const swept = given(cap2, out('L1', T0), out('L2', at({ m: 10 })))
      .when(c.settle(), at({ m: 20 }))
      .then({
        type: 'LeaseExpired.v1',
        data: {
          leaseId: 'L1',
          expiredAt: toIso(at({ m: 15 })),
          actor: { kind: 'system', id: 'expiry' },
        },
      });
    given(cap2, out('L1', T0), out('L2', at({ m: 10 })), ...swept.events)
      .when(c.settle(), at({ m: 21 }))
      .thenNothing();
  });

  it('F6: the same key with the same request returns the original outcome and appends nothing', () => {
    const first = given(cap2).when(c.checkout('L1', 'fp-a', 'K'), T0);
    const replay = given(cap2, ...first.events).when(c.checkout('L9', 'fp-a', 'K'), at({ m: 5 }));
    replay.thenNothing();
    const record = idempotentOutcome(replay.recall, 'K');
    expect(record).toMatchObject({
      operation: 'checkout',
      leaseId: 'L1',
      leaseExpiresAt: at({ m: 15 }),
    });
  });

  it('F6: the same key with a different request is an error and records nothing', () => {
    const first = given(cap2).when(c.checkout('L1', 'fp-a', 'K', sha(1)), T0);
    given(cap2, ...first.events)
      .when(c.checkout('L2', 'fp-b', 'K', sha(7)), at({ m: 1 }))
      .thenError('IDEMPOTENCY_KEY_REUSED');
  });

  it('F6: a checkin replayed with the same Idempotency-Key returns the same outcome', () => {
    const ci = given(cap2, out('L1', T0)).when(c.checkin('L1', 'IN', sha(5)), at({ m: 2 }));
    const replay = given(cap2, out('L1', T0), ...ci.events).when(
      c.checkin('L1', 'IN', sha(5)),
      at({ m: 3 }),
    );
    replay.thenNothing();
    expect(idempotentOutcome(replay.recall, 'IN')).toMatchObject({
      operation: 'checkin',
      leaseId: 'L1',
      at: at({ m: 2 }),
    });
    given(cap2, out('L1', T0), ...ci.events)
      .when(c.checkin('L1', 'OTHER', sha(5)), at({ m: 3 }))
      .thenError('LEASE_NOT_ACTIVE');
  });

  it('F6: a key bound to a checkout cannot be replayed as a checkin', () => {
    given(cap2, out('L1', T0))
      .when(c.checkin('L1', 'key-L1', sha(1)), at({ m: 1 }))
      .thenError('IDEMPOTENCY_KEY_REUSED');
  });

  it('F6: keys are remembered for 24 hours, then forgotten', () => {
    const first = given(cap2).when(c.checkout('L1', 'fp-a', 'K'), T0);
    given(cap2, ...first.events)
      .when(c.checkout('L2', 'fp-a', 'K'), at({ h: 24, ms: -1 }))
      .thenNothing();
    given(cap2, ...first.events)
      .when(c.checkout('L2', 'fp-a', 'K'), at({ h: 24 }))
      .then({ type: 'LeaseExpired.v1' }, { type: 'LeaseCheckedOut.v2', data: { leaseId: 'L2' } });
  });

  it('F6: a refused checkout does not bind its key, so a later retry with it can succeed', () => {
    const refused = given(cap2, out('L1', T0), out('L2', T0)).when(
      c.checkout('L3', 'fp-c', 'K3'),
      at({ m: 1 }),
    );
    refused.then({ type: 'CheckoutRefused.v1' });
    given(cap2, out('L1', T0), out('L2', T0), ...refused.events)
      .when(c.checkout('L3', 'fp-c', 'K3'), at({ m: 15 }))
      .then(
        { type: 'LeaseExpired.v1' },
        { type: 'LeaseExpired.v1' },
        { type: 'LeaseCheckedOut.v2' },
      );
  });

  it('F7: /deactivate on job completion releases the floating seat the machine holds', () => {
    given(cap2, out('L1', T0))
      .when(c.deactivate('fp-L1'), at({ m: 3 }))
      .then({ type: 'LeaseCheckedIn.v1', data: { leaseId: 'L1', via: 'deactivation' } });
  });

  it('F7: /activate on a floating license takes a lease with a token that lives as long as it', () => {
    given(cap2)
      .when(c.activate('node-7'), T0)
      .then({
        type: 'LeaseCheckedOut.v2',
        data: {
          leaseId: 'act-node-7',
          via: 'activation',
          expiresAt: toIso(at({ m: 15 })),
          token: { tokenId: 'tok-node-7-1', expiresAt: toIso(at({ m: 15 })), status: 'active' },
        },
      });
  });

  it('F4: /activate on a floating license obeys the same cap as checkout', () => {
    given(cap2, out('L1', T0), out('L2', T0))
      .when(c.activate('node-7'), at({ m: 1 }))
      .then({
        type: 'ActivationRefused.v1',
        data: { reason: 'SEATS_EXHAUSTED', seats: { inUse: 2, limit: 2 } },
      });
  });

  it('F2: an admin can release one lease, freeing its seat at once', () => {
    given(cap2, out('L1', T0))
      .when(c.release('L1'), at({ m: 1 }))
      .then({ type: 'LeaseReleased.v1', data: { leaseId: 'L1', reason: 'admin' } });
    given(cap2).when(c.release('nope'), T0).thenError('LEASE_NOT_FOUND');
  });
});
