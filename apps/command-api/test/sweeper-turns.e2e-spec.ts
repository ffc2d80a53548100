import { ExpirySweeper } from '../src/sweeper/expiry-sweeper';
import { turnsDuring } from '../../../libs/event-store/src/testing/loop-turns';
import { issueLicense, startCommandApi, type Running } from './harness';

const LICENSES = 600;

describe('the expiry sweeper over a fleet', () => {
  let api: Running;

  beforeAll(async () => {
    // Passes only when the test asks for one.
    api = await startCommandApi({ SWEEP_INTERVAL_MS: '3600000' });
    for (let i = 0; i < LICENSES; i += 50) {
      await Promise.all(
        Array.from({ length: 50 }, () =>
          issueLicense(api, 'render-farm', { max_floating_users: 5 }),
        ),
      );
    }
  });

  afterAll(async () => api.close());

  it('F5: a pass over licenses that all moved lets the event loop turn, and watches every one of them', async () => {
    const sweeper = api.api.app.get(ExpirySweeper);
    const until = Date.now() + 10_000;
    while (sweeper.status().watching < LICENSES && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(sweeper.status().watching).toBe(LICENSES);
    // Each license is in memory: the pass does no I/O for it, so only the sweeper's own turns
    // let requests in between (a license of this variant expires: each one has a deadline).
    const { turns } = await turnsDuring(() => sweeper.sweep());
    expect(turns).toBeGreaterThanOrEqual(4);
    expect(sweeper.status().watching).toBe(LICENSES);
  });
});
