import { SEAL_STREAM } from '@lic/audit-chain';
import { SystemClock } from '@lic/clock';
import { openSqliteEventStore } from '@lic/event-store';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { ExpirySweeper } from '../src/sweeper/expiry-sweeper';
import { loadSweeperCheckpoint } from '../src/sweeper/sweeper-checkpoint';
import { eventsOf, issueLicense, startCommandApi } from './harness';

const CHECKOUT = '/api/v1/license/floating/checkout';

describe('the expiry sweeper starts from its checkpoint', () => {
  it('F5: after a restart it reads only what came after its checkpoint and still expires the leases it knew of', async () => {
    const first = await startCommandApi();
    const dir = first.dir;
    let licenseId = '';
    try {
      const issued = await issueLicense(first, 'render-farm', { max_floating_users: 5 });
      licenseId = issued.licenseId;
      const answer = await first.client(
        issued.key,
        CHECKOUT,
        { fingerprint: 'n1' },
        { 'idempotency-key': 'k1' },
      );
      expect(answer.status).toBe(200);
      expect(first.api.app.get(ExpirySweeper).status().startedAfter).toBeNull();
    } finally {
      await first.api.close(); // keep the directory for the second start
    }
    // The seal recorded at shutdown comes after the sweeper stopped; it is not the sweeper's.
    const last = (await first.events())
      .filter((e) => e.streamName !== SEAL_STREAM)
      .at(-1)?.position;
    const { eventStore, snapshotStore } = openSqliteEventStore({
      file: join(dir, 'events.db'),
      clock: new SystemClock(),
    });
    const saved = await loadSweeperCheckpoint(snapshotStore);
    await eventStore.close();
    expect(saved?.position).toBe(last);
    expect(saved?.licenses).toContain(licenseId);

    const second = await startCommandApi({}, dir);
    try {
      expect(second.api.app.get(ExpirySweeper).status().startedAfter).toBe(last);
      await second.advance(16 * 60);
      const deadline = Date.now() + 8000;
      let expired = 0;
      while (Date.now() < deadline && expired === 0) {
        await new Promise((r) => setTimeout(r, 100));
        expired = eventsOf(await second.events(), licenseId).filter(
          (e) => e.type === 'LeaseExpired.v1',
        ).length;
      }
      expect(expired).toBe(1);
    } finally {
      await second.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
