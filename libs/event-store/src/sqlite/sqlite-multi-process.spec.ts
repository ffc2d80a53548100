import { SystemClock } from '@lic/clock';
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ChildReport } from '../../../../test/event-store/sqlite-append-child';
import { SubscriptionProbe, collect } from '../testing/contract-fixtures';
import { openSqliteEventStore, type SqliteStores } from './open-sqlite-event-store';

const root = resolve(__dirname, '../../../..');
const hook = join(root, 'test/event-store/register-swc.js');
const child = join(root, 'test/event-store/sqlite-append-child.ts');

function startWriter(file: string, stream: string, writer: string, count: number) {
  const process = fork(child, [file, stream, writer, String(count)], {
    execArgv: ['-r', hook],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = new Promise<void>((resolve, reject) => {
    process.once('message', () => resolve());
    process.once('exit', (code) => reject(new Error(`${writer} exited early with ${code}`)));
  });
  const report = new Promise<ChildReport>((resolve, reject) => {
    process.on('message', (message) => {
      if (typeof message === 'object' && message !== null) resolve(message as ChildReport);
    });
    process.once(
      'exit',
      (code) => code !== 0 && reject(new Error(`${writer} exited with ${code}`)),
    );
  });
  return { process, ready, report };
}

describe('SQLite event store shared by two processes', () => {
  let dir: string;
  let children: ChildProcess[] = [];
  let stores: SqliteStores | undefined;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'event-store-'));
  });
  afterEach(async () => {
    for (const c of children) if (c.exitCode === null) c.kill();
    children = [];
    await stores?.eventStore.close();
    stores = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('loses no event, duplicates no revision, types every conflict, and wakes a subscriber in a third connection', async () => {
    const file = join(dir, 'nested', 'events.db');
    const count = 120;
    const writers = ['w1', 'w2'].map((w) => startWriter(file, 'shared', w, count));
    children = writers.map((w) => w.process);
    await Promise.all(writers.map((w) => w.ready));

    stores = openSqliteEventStore({ file, clock: new SystemClock() });
    // Subscribed and waiting before the writers start: everything arrives live, through polling.
    const probe = new SubscriptionProbe(stores.eventStore.subscribeToAll());
    const receiving = probe.until((r) => r.length >= 4 * count, 20_000);
    for (const w of writers) w.process.send('go');
    const reports = await Promise.all(writers.map((w) => w.report));
    const received = await receiving;
    await probe.close();

    for (const report of reports) {
      expect(report).toMatchObject({ appended: count, errors: [] });
    }
    const shared = await collect(stores.eventStore.readStream('shared'));
    expect(shared.map((e) => e.revision)).toEqual(shared.map((_, i) => BigInt(i)));
    expect(shared).toHaveLength(2 * count);
    expect(new Set(shared.map((e) => e.id)).size).toBe(2 * count);
    for (const w of ['w1', 'w2']) {
      expect(shared.filter((e) => e.data.writer === w)).toHaveLength(count);
    }
    const all = await collect(stores.eventStore.readAll());
    expect(all).toHaveLength(4 * count);
    expect(all.every((e, i) => i === 0 || e.position > all[i - 1].position)).toBe(true);
    expect(received.map((e) => e.id)).toEqual(all.map((e) => e.id));
    console.info(
      `two writer processes: ${reports.map((r) => `${r.writer} ${r.conflicts} conflicts`).join(', ')}`,
    );
  }, 40_000);
});
