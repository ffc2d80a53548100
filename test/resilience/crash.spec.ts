import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SystemClock } from '@lic/clock';
import { openSqliteEventStore } from '@lic/event-store';
import { postJson, startCommandApiProcess } from './processes';

/** Checkouts answered 200 before the crash, by lease id. */
const loadUntil = async (url: string, key: string, stop: () => boolean) => {
  const acknowledged = new Set<string>();
  let n = 0;
  const worker = async () => {
    while (!stop()) {
      const i = n++;
      try {
        const r = await postJson(
          `${url}/api/v1/license/floating/checkout`,
          { authorization: `License ${key}`, 'idempotency-key': `crash-${i}` },
          { fingerprint: `node-${i}` },
        );
        if (r.status === 200) acknowledged.add((r.body.lease_token as string).slice(4));
      } catch {
        return; // the process is gone: this request was never answered
      }
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return acknowledged;
};

describe('no acknowledged command is lost', () => {
  jest.setTimeout(120_000);

  it('A1: a command API killed with SIGKILL mid-load lost none of the commands it answered', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crash-'));
    try {
      const api = await startCommandApiProcess(dir);
      const admin = { authorization: `Bearer ${api.token}` };
      await postJson(`${api.url}/admin/v1/products`, admin, { name: 'Farm', product_id: 'farm' });
      const issued = await postJson(`${api.url}/admin/v1/licenses`, admin, {
        product_id: 'farm',
        variant_id: 'render-farm',
        seats: { max_floating_users: 100000 },
      });
      const licenseId = issued.body.license_id as string;
      let killed = false;
      const load = loadUntil(api.url, issued.body.license_key as string, () => killed);
      await new Promise((r) => setTimeout(r, 1500));
      api.child.kill('SIGKILL');
      killed = true;
      const acknowledged = await load;
      expect((await api.exited).signal).toBe('SIGKILL');
      expect(acknowledged.size).toBeGreaterThan(50);

      const { eventStore } = openSqliteEventStore({
        file: join(dir, 'events.db'),
        clock: new SystemClock(),
      });
      const stored = new Set<string>();
      for await (const e of eventStore.readStream(`license-${licenseId}`)) {
        if (e.type === 'LeaseCheckedOut.v1') stored.add(e.data.leaseId as string);
      }
      await eventStore.close();
      const lost = [...acknowledged].filter((id) => !stored.has(id));
      expect(lost).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('A1: on SIGTERM the in-flight commands finish, are answered, and are in the store', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sigterm-'));
    try {
      const api = await startCommandApiProcess(dir);
      const admin = { authorization: `Bearer ${api.token}` };
      await postJson(`${api.url}/admin/v1/products`, admin, { name: 'Farm', product_id: 'farm' });
      const issued = await postJson(`${api.url}/admin/v1/licenses`, admin, {
        product_id: 'farm',
        variant_id: 'render-farm',
        seats: { max_floating_users: 100000 },
      });
      let stopping = false;
      const load = loadUntil(api.url, issued.body.license_key as string, () => stopping);
      await new Promise((r) => setTimeout(r, 1000));
      api.child.kill('SIGTERM');
      stopping = true;
      const acknowledged = await load;
      const exit = await api.exited;
      expect(exit.code === 0 || exit.signal === 'SIGTERM').toBe(true);
      const { eventStore } = openSqliteEventStore({
        file: join(dir, 'events.db'),
        clock: new SystemClock(),
      });
      const stored = new Set<string>();
      for await (const e of eventStore.readStream(`license-${issued.body.license_id as string}`)) {
        if (e.type === 'LeaseCheckedOut.v1') stored.add(e.data.leaseId as string);
      }
      await eventStore.close();
      expect([...acknowledged].filter((id) => !stored.has(id))).toEqual([]);
      expect(acknowledged.size).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
