import { checkHistories } from '../testing/seat-run';
import { scenarios } from '../testing/seat-steps';

/**
 * Generated histories of many clients (six fingerprints, shared and per-client Idempotency-Keys)
 * on licenses with one to four floating seats, decided one at a time by the real decider and
 * checked after every decision against an independent model (testing/seat-model.ts): the
 * events it must record, the caps, and the holders the state keeps. Clock steps land on lease
 * deadlines exactly and 1 ms either side, and on the end of a key's 24-hour retention.
 */
describe('floating leases, property-based', () => {
  it('F4, F5, F6: every decision of any history of checkouts, heartbeats, checkins, activations and expiries agrees with an independent model', () => {
    checkHistories(
      'F4/F5/F6',
      scenarios(
        {
          checkout: 10,
          heartbeat: 6,
          checkin: 3,
          release: 1,
          activate: 3,
          deactivate: 1,
          suspend: 1,
          reinstate: 2,
          settle: 1,
          wait: 6,
          deadline: 5,
          keyRetentionEnd: 1,
        },
        ['per-machine', 'floating'],
      ),
      // Floors: the histories really did reach the cap, land on deadlines and replay keys.
      {
        'F4: leases granted (via checkout)': 600,
        'F4: leases granted (via activation)': 100,
        'F4: checkouts at the cap': 250,
        'F4: checkouts below the cap': 1000,
        'CheckoutRefused: SEATS_EXHAUSTED (recorded)': 180,
        'F5: grants of a seat freed by a timeout not yet recorded': 90,
        'F5: LeaseExpired recorded at its deadline': 400,
        'F5: heartbeats exactly at the lease deadline (refused)': 5,
        'F5: heartbeats 1 ms before the deadline (accepted)': 8,
        'F5/S2: decisions exactly at a deadline': 120,
        'F5/S2: decisions 1 ms before a deadline': 150,
        'F5/S2: decisions 1 ms after a deadline': 120,
        'F6: replays (CheckoutLease)': 90,
        'errors: CheckoutLease IDEMPOTENCY_KEY_REUSED': 80,
        'F6: keys used again after their retention ended': 120,
      },
    );
  });
});
