import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SystemClock } from '@lic/clock';
import { openSqliteEventStore } from '@lic/event-store';
import { retriesAt } from '../../../libs/observability/src/testing';

const hook = resolve(__dirname, '../../../test/event-store/register-swc.js');
const main = resolve(__dirname, '../src/main.ts');

/** A command-api process on the shared data directory; resolves with its URL and admin token. */
const startProcess = (dir: string): Promise<{ child: ChildProcess; url: string; token: string }> =>
  new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['-r', hook, main], {
      env: {
        ...process.env,
        DATA_DIR: dir,
        EVENT_STORE: `sqlite:${join(dir, 'events.db')}`,
        SIGNING_KEYS_DIR: join(dir, 'keys'),
        COMMAND_API_PORT: '0',
        LOG_LEVEL: 'error',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /command API\s+(http:\/\/\S+)/.exec(out)?.[1];
      const token = /admin token\s+(\S+)/.exec(out)?.[1];
      if (url && token) resolvePromise({ child, url, token });
    });
    child.once('exit', (code) => reject(new Error(`command-api exited with ${code}: ${out}`)));
  });

const post = async (url: string, headers: Record<string, string>, body: unknown) => {
  const r = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
};

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
        if (e.type === 'LeaseCheckedOut.v1') leases++;
      }
      await eventStore.close();
      expect(leases).toBe(10);
      // The two processes really raced for the license's stream: decisions were taken again
      // after the other process had appended first (license_command_retries_total).
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
