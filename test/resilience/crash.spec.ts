import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SystemClock } from '@lic/clock';
import { openSqliteEventStore } from '@lic/event-store';
import { postJson, startCommandApiProcess } from './processes';

interface Answered {
  readonly status: number;
  /** The lease id of a checkout answered 200. */
  readonly lease: string | null;
}

/**
 * Checkouts from 16 workers until stopped, every request counted: each one sent is, in the
 * end, answered (with its status) or failed (with the error fetch threw). `stop()` returns the
 * requests in flight at that moment — sent and not yet settled.
 */
const countedLoad = (url: string, key: string, prefix: string) => {
  let stopped = false;
  let sent = 0;
  const pending = new Set<number>();
  const answered = new Map<number, Answered>();
  const failed = new Map<number, string>();
  const worker = async () => {
    while (!stopped) {
      const i = sent++;
      pending.add(i);
      try {
        const r = await postJson(
          `${url}/api/v1/license/floating/checkout`,
          {
            authorization: `License ${key}`,
            'idempotency-key': `${prefix}-${i}`,
            'x-correlation-id': `${prefix}-${i}`,
          },
          { fingerprint: `node-${i}` },
        );
        const token = r.body.lease_token;
        answered.set(i, {
          status: r.status,
          lease: r.status === 200 && typeof token === 'string' ? token.slice(4) : null,
        });
      } catch (error) {
        const cause = (error as { cause?: { code?: string } }).cause?.code;
        failed.set(i, `${String(error)}${cause ? ` (${cause})` : ''}`);
      } finally {
        pending.delete(i);
      }
    }
  };
  const done = Promise.all(Array.from({ length: 16 }, worker)).then(() => ({
    sent,
    answered,
    failed,
  }));
  return {
    done,
    /** Resolves once `n` requests have been answered (the server is warm and busy). */
    answered: async (n: number): Promise<void> => {
      while (answered.size < n) await new Promise((r) => setTimeout(r, 20));
    },
    stop: (): number[] => {
      stopped = true;
      return [...pending];
    },
  };
};

/** The load's requests whose handling the server began (its "incoming request" log lines). */
const serverBegan = (child: ChildProcess): Set<number> => {
  const began = new Set<number>();
  let pending = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const lines = (pending + chunk.toString()).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const entry = line.startsWith('{') ? (JSON.parse(line) as Record<string, unknown>) : {};
      const id = /^sigterm-(\d+)$/.exec(String(entry.correlationId));
      if (entry.msg === 'incoming request' && id) began.add(Number(id[1]));
    }
  });
  return began;
};

/** The lease ids and Idempotency-Keys of the checkouts recorded on a license. */
const storedCheckouts = async (file: string, licenseId: string) => {
  const { eventStore } = openSqliteEventStore({ file, clock: new SystemClock() });
  const leases = new Set<string>();
  const keys = new Set<string>();
  for await (const e of eventStore.readStream(`license-${licenseId}`)) {
    if (e.type !== 'LeaseCheckedOut.v2') continue;
    leases.add(e.data.leaseId as string);
    keys.add(e.data.idempotencyKey as string);
  }
  await eventStore.close();
  return { leases, keys };
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
      const load = countedLoad(api.url, issued.body.license_key as string, 'crash');
      await load.answered(80);
      api.child.kill('SIGKILL');
      const inFlight = load.stop();
      const { sent, answered, failed } = await load.done;
      expect((await api.exited).signal).toBe('SIGKILL');
      console.info(
        `A1 SIGKILL: ${sent} requests sent, ${answered.size} answered, ${failed.size} failed ` +
          `(cut off by the kill); ${inFlight.length} in flight at the kill`,
      );
      expect(answered.size + failed.size).toBe(sent);
      const acknowledged = [...answered.values()].flatMap((a) => (a.lease ? [a.lease] : []));
      expect(acknowledged.length).toBeGreaterThan(50);
      const stored = await storedCheckouts(join(dir, 'events.db'), licenseId);
      expect(acknowledged.filter((id) => !stored.leases.has(id))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('A1: on SIGTERM every request is counted: each one the server began is answered 200 and recorded; the rest are refused 503 or reset unread, and changed nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sigterm-'));
    try {
      const api = await startCommandApiProcess(dir, { LOG_LEVEL: 'info' });
      const began = serverBegan(api.child);
      const admin = { authorization: `Bearer ${api.token}` };
      await postJson(`${api.url}/admin/v1/products`, admin, { name: 'Farm', product_id: 'farm' });
      const issued = await postJson(`${api.url}/admin/v1/licenses`, admin, {
        product_id: 'farm',
        variant_id: 'render-farm',
        seats: { max_floating_users: 100000 },
      });
      const load = countedLoad(api.url, issued.body.license_key as string, 'sigterm');
      await load.answered(40);
      api.child.kill('SIGTERM');
      const inFlight = load.stop(); // sent before the signal, not yet answered
      const { sent, answered, failed } = await load.done;
      const exit = await api.exited;
      const statusOf = (i: number) => answered.get(i)?.status ?? 'reset';
      const split = (ids: readonly number[]) => {
        const by = new Map<number | string, number>();
        for (const i of ids) by.set(statusOf(i), (by.get(statusOf(i)) ?? 0) + 1);
        return [...by].map(([status, n]) => `${n} ${status}`).join(', ');
      };
      console.info(
        `A1 SIGTERM: ${sent} requests sent: ${answered.size} answered, ${failed.size} failed ` +
          `(${split(Array.from({ length: sent }, (_, i) => i))}); ${inFlight.length} in flight at ` +
          `the signal (${split(inFlight)}); the server began ${began.size} of them all`,
      );
      expect(exit.code === 0 || exit.signal === 'SIGTERM').toBe(true);
      expect(answered.size + failed.size).toBe(sent);
      expect(inFlight.filter((i) => statusOf(i) === 200).length).toBeGreaterThan(0);
      // Every request the server began handling was finished and answered 200…
      expect([...began].filter((i) => statusOf(i) !== 200)).toEqual([]);
      // …and any other answer is the 503 of a server that is closing.
      expect([...answered.values()].filter((a) => a.status !== 200 && a.status !== 503)).toEqual(
        [],
      );

      const stored = await storedCheckouts(
        join(dir, 'events.db'),
        issued.body.license_id as string,
      );
      // Every checkout answered 200 is in the store; every other request changed nothing (a
      // client retries it with the same Idempotency-Key, as the SDK does).
      const ok = [...answered.values()].flatMap((a) => (a.lease ? [a.lease] : []));
      expect(ok.filter((id) => !stored.leases.has(id))).toEqual([]);
      const others = Array.from({ length: sent }, (_, i) => i).filter((i) => statusOf(i) !== 200);
      expect(others.filter((i) => stored.keys.has(`sigterm-${i}`))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
