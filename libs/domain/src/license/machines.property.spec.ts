import { checkHistories } from '../testing/seat-run';
import { scenarios } from '../testing/seat-steps';

/**
 * Generated histories of six machines activating, re-activating, deactivating themselves and
 * being revoked by an admin on per-machine licenses with one to four slots (and a floating
 * overlay beside them), decided by the real decider and checked after every decision against
 * an independent model (testing/seat-model.ts).
 */
describe('machine activations, property-based', () => {
  it('M1, M2: every decision of any history of activations, re-activations, deactivations and revocations agrees with an independent model', () => {
    checkHistories(
      'M1/M2',
      scenarios(
        {
          activate: 10,
          deactivate: 3,
          revokeActivation: 2,
          checkout: 2,
          suspend: 1,
          reinstate: 4,
          wait: 3,
          deadline: 1,
        },
        ['per-machine'],
      ),
      // Floors: the histories really did fill the machine slots and free them again.
      {
        'M1: machines activated': 500,
        'M1: re-activations (no new slot)': 450,
        'ActivationRefused: SEATS_EXHAUSTED (recorded)': 600,
        'M3: machines deactivated (self)': 150,
        'M3: machines deactivated (admin)': 180,
      },
    );
  });
});
