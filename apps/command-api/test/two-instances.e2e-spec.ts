import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SystemClock } from '@lic/clock';
import { openSqliteEventStore } from '@lic/event-store';
import { postJson, startCommandApiProcess } from '../../../test/resilience/processes';
import { retriesAt } from '../../../libs/observability/src/testing';

/** A command-api process on the shared data directory, with an admin token; and a POST. */
const startProcess = startCommandApiProcess;
const post = postJson;

describe('two command-api processes on one store', () => {
  jest.setTimeout(120_000);

  it('F4: 100 concurrent checkouts for a cap of 10 across two processes grant exactly 10, and the processes really conflicted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'two-apis-'));
    const a = await startProcess(dir);
    const b = await startProcess(dir);
    try {
      const admin = { authorization: `Bearer ${a.token}` };
      expect(
        (await post(`${a.url}/admin/v1/products`, admin, { name: 'Farm', product_id: 'farm' }))
          .status,
      ).toBe(201);
      const issued = await post(
        `${b.url}/admin/v1/licenses`,
        { authorization: `Bearer ${b.token}` },
        {
          product_id: 'farm',
          variant_id: 'render-farm',
          seats: { max_floating_users: 10 },
        },
      );
      expect(issued.status).toBe(201);
      const key = issued.body.license_key as string;
      const answers = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          post(
            `${(i % 2 ? a : b).url}/api/v1/license/floating/checkout`,
            { authorization: `License ${key}`, 'idempotency-key': `k-${i}` },
            { fingerprint: `node-${i}` },
          ),
        ),
      );
      expect(answers.filter((r) => r.status === 200)).toHaveLength(10);
      expect(answers.filter((r) => r.status === 422 && r.body.error !== undefined)).toHaveLength(
        90,
      );
      const { eventStore } = openSqliteEventStore({
        file: join(dir, 'events.db'),
        clock: new SystemClock(),
      });
      let leases = 0;
      for await (const e of eventStore.readStream(`license-${issued.body.license_id as string}`)) {
        if (e.type === 'LeaseCheckedOut.v2') leases++;
      }
      await eventStore.close();
      expect(leases).toBe(10);
      // The two processes really raced for the license's stream: decisions were taken again
      // after the other process had appended first (license_command_conflict_retries_total).
      const [retriedA, retriedB] = await Promise.all([retriesAt(a.url), retriesAt(b.url)]);
      console.info(
        `F4, two command-api processes: decisions retried after a conflict: ${retriedA} + ${retriedB}`,
      );
      expect(retriedA + retriedB).toBeGreaterThan(0);
    } finally {
      a.child.kill('SIGTERM');
      b.child.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
