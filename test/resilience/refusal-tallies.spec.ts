import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SystemClock } from '@lic/clock';
import { openSqliteEventStore } from '@lic/event-store';
import { postJson, startCommandApiProcess, type AppProcess } from './processes';

/** Refused checkouts of the license counted from the store: recorded ones plus tallies. */
const countedRefusals = async (dir: string, licenseId: string) => {
  const { eventStore } = openSqliteEventStore({
    file: join(dir, 'events.db'),
    clock: new SystemClock(),
  });
  let recorded = 0;
  let tallied = 0;
  for await (const e of eventStore.readStream(`license-${licenseId}`)) {
    if (e.type === 'CheckoutRefused.v1' && e.data.reason === 'SEATS_EXHAUSTED') recorded++;
    if (e.type === 'RefusalsTallied.v1' && e.data.kind === 'checkout')
      tallied += e.data.count as number;
  }
  await eventStore.close();
  return { recorded, tallied, total: recorded + tallied };
};

/** A command API with a render-farm license whose one seat is taken. */
const fullLicense = async (api: AppProcess) => {
  const admin = { authorization: `Bearer ${api.token}` };
  await postJson(`${api.url}/admin/v1/products`, admin, { name: 'Farm', product_id: 'farm' });
  const issued = await postJson(`${api.url}/admin/v1/licenses`, admin, {
    product_id: 'farm',
    variant_id: 'render-farm',
    seats: { max_floating_users: 1 },
  });
  const key = issued.body.license_key as string;
  let n = 0;
  const checkout = (fingerprint: string) =>
    postJson(
      `${api.url}/api/v1/license/floating/checkout`,
      { authorization: `License ${key}`, 'idempotency-key': `k-${n++}` },
      { fingerprint },
    );
  expect((await checkout('holder')).status).toBe(200);
  return { licenseId: issued.body.license_id as string, checkout };
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('refusal counts survive a crash (U2)', () => {
  jest.setTimeout(120_000);

  it('U2: 300 refused checkouts, then SIGKILL a second later: every one is counted in the store', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tally-kill-'));
    try {
      const api = await startCommandApiProcess(dir);
      const { licenseId, checkout } = await fullLicense(api);
      for (let i = 0; i < 300; i++) {
        const r = await checkout('looper');
        expect(r.status).toBe(422);
        expect(r.body).toMatchObject({ error: { code: 'SEATS_EXHAUSTED' } });
      }
      // The tallies of a license are appended at most a second after the refusal they count.
      await sleep(1500);
      api.child.kill('SIGKILL');
      expect((await api.exited).signal).toBe('SIGKILL');
      const counted = await countedRefusals(dir, licenseId);
      process.stdout.write(`U2 SIGKILL after 300 refusals + 1.5 s: ${JSON.stringify(counted)}\n`);
      expect(counted).toEqual({ recorded: 1, tallied: 299, total: 300 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('U2: on SIGTERM the refusals still counted in memory are appended before the process exits', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tally-term-'));
    try {
      const api = await startCommandApiProcess(dir);
      const { licenseId, checkout } = await fullLicense(api);
      for (let i = 0; i < 50; i++) expect((await checkout('looper')).status).toBe(422);
      api.child.kill('SIGTERM');
      const exit = await api.exited;
      // A graceful stop: exit code 0, or the signal re-raised once Nest has shut down.
      expect(exit.code === 0 || exit.signal === 'SIGTERM').toBe(true);
      expect(await countedRefusals(dir, licenseId)).toEqual({
        recorded: 1,
        tallied: 49,
        total: 50,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('U2: SIGKILL in the middle of a refusal flood loses at most the refusals of the last second', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tally-flood-'));
    try {
      const api = await startCommandApiProcess(dir);
      const { licenseId, checkout } = await fullLicense(api);
      const answeredAt: number[] = [];
      let killed = false;
      const worker = async (w: number) => {
        while (!killed) {
          try {
            const r = await checkout(`looper-${w % 4}`);
            if (r.status === 422) answeredAt.push(performance.now());
          } catch {
            return; // the process is gone: this refusal was never answered
          }
        }
      };
      const flood = Promise.all(Array.from({ length: 8 }, (_, w) => worker(w)));
      await sleep(3000);
      const killedAt = performance.now();
      api.child.kill('SIGKILL');
      killed = true;
      await flood;
      await api.exited;
      const answered = answeredAt.filter((t) => t <= killedAt).length;
      const counted = await countedRefusals(dir, licenseId);
      const lost = answered - counted.total;
      // A tally is appended within a second of its first refusal; allow one more second for a
      // late timer and the append's own fsync on a loaded machine.
      const lastSeconds = answeredAt.filter((t) => t > killedAt - 2000 && t <= killedAt).length;
      const lastSecond = answeredAt.filter((t) => t > killedAt - 1000 && t <= killedAt).length;
      process.stdout.write(
        `U2 SIGKILL mid-flood: answered ${answered}, counted ${counted.total} (${counted.recorded} recorded + ${counted.tallied} tallied), lost ${lost}, answered in the last second ${lastSecond} (last 2 s ${lastSeconds})\n`,
      );
      expect(answered).toBeGreaterThan(50);
      expect(lost).toBeLessThanOrEqual(lastSeconds);
      expect(counted.total).toBeGreaterThanOrEqual(
        answeredAt.filter((t) => t <= killedAt - 2000).length,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
