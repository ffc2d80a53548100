import { checkHistories } from '../testing/seat-run';
import { scenarios } from '../testing/seat-steps';

/**
 * Generated histories of six accounts — interactive users, two client-credentials (service)
 * accounts, up to two of them reserved — opening, renewing and closing sessions on licenses
 * with one to four session slots, decided by the real decider and checked after every
 * decision against an independent model (testing/seat-model.ts). Clock steps land on session
 * deadlines exactly and 1 ms either side.
 */
describe('sessions and reserved seats, property-based', () => {
  it('S2, S3, S4: every decision of any history of opens, activity, logouts, admin ends and timeouts agrees with an independent model', () => {
    checkHistories(
      'S2/S3/S4',
      scenarios(
        {
          open: 10,
          activity: 8,
          logout: 2,
          endSession: 1,
          suspend: 1,
          reinstate: 2,
          settle: 1,
          wait: 6,
          deadline: 5,
        },
        ['per-machine', 'floating'],
      ),
      // Floors: the histories really did fill the pools, time sessions out and cap service ones.
      {
        'S1: sessions opened (interactive, shared pool)': 300,
        'S1: sessions opened (interactive, reserved pool)': 70,
        'S1: sessions opened (service, shared pool)': 150,
        'S1: sessions opened (service, reserved pool)': 25,
        'SessionRefused: SEATS_EXHAUSTED (recorded)': 300,
        'S4: reserved slot taken while the shared pool was full': 50,
        'S2: activity renewed': 150,
        'S1: sessions closed (idle-timeout)': 300,
        'S2/S3: activity exactly at the session deadline (refused)': 10,
        'S2/S3: activity 1 ms before the deadline (accepted)': 10,
        'S3: activity capped at the absolute end': 8,
        'S1: sessions closed (max-lifetime)': 15,
        'F5/S2: decisions exactly at a deadline': 120,
        'F5/S2: decisions 1 ms before a deadline': 150,
        'F5/S2: decisions 1 ms after a deadline': 120,
        'errors: RecordSessionActivity SESSION_NOT_SHAREABLE': 40,
      },
    );
  });
});
