import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { WrongExpectedRevisionError } from '../../event-store.port';
import { encodeEvents, type AppendRequest } from '../sqlite-append';
import { prepareDatabase } from '../sqlite-schema';
import { SqliteWriterThread } from './sqlite-writer-thread';

const request = (streamName: string, id: string, expected: AppendRequest['expected']) => ({
  streamName,
  expected,
  events: encodeEvents([
    {
      id,
      type: 'Noted.v1',
      data: { id },
      metadata: { correlationId: 'c', causationId: null, actor: 'system:test' },
    },
  ]),
});

describe('the SQLite writer thread', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'writer-thread-'));
    file = join(dir, 'events.db');
    const db = new Database(file);
    prepareDatabase(db, 1000);
    db.close();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const start = () => SqliteWriterThread.start({ file, busyTimeoutMs: 1000, synchronous: 'FULL' });
  const killed = (thread: SqliteWriterThread) =>
    (thread as unknown as { worker: Worker }).worker.terminate();

  it('F4: answers each append of a group, a conflict as the typed error the store throws', async () => {
    const thread = start();
    const outcomes = await thread.commit('2026-01-01T00:00:00.000Z', [
      request('s', 'a', 'no_stream'),
      request('s', 'b', 'no_stream'),
      request('s', 'c', 0n),
    ]);
    expect(outcomes[0]).toMatchObject({ ok: true, result: { nextExpectedRevision: 0n } });
    expect(outcomes[1]).toMatchObject({ ok: false });
    expect(outcomes[1]?.ok === false && outcomes[1].error).toBeInstanceOf(
      WrongExpectedRevisionError,
    );
    expect(outcomes[2]).toMatchObject({ ok: true, result: { nextExpectedRevision: 1n } });
    await thread.close();
  });

  it('A1: a group in flight when the thread dies fails, and so does every later one — none hangs', async () => {
    const thread = start();
    const inFlight = thread.commit('2026-01-01T00:00:00.000Z', [request('s', 'a', 'any')]);
    await killed(thread);
    await expect(inFlight).rejects.toThrow(/writer thread stopped/);
    await expect(
      thread.commit('2026-01-01T00:00:00.000Z', [request('s', 'b', 'any')]),
    ).rejects.toThrow(/writer thread stopped/);
    expect(() => thread.check()).toThrow(/writer thread stopped/);
    await thread.close();
  });

  it("A3: saves a snapshot that only moves forward, seen by the store's own connection once answered", async () => {
    const thread = start();
    const write = (revision: bigint, state: string) =>
      thread.saveSnapshot({ stream: 's', revision, schemaVersion: 'v1', state });
    await Promise.all([write(5n, '{"n":5}'), write(3n, '{"n":3}')]);
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT revision, state FROM snapshots').safeIntegers(true).all()).toEqual([
      { revision: 5n, state: '{"n":5}' },
    ]);
    db.close();
    await thread.close();
  });

  it('A1: a duplicate event id reaches the main thread with the SQLite code the store matches on', async () => {
    const thread = start();
    await thread.commit('2026-01-01T00:00:00.000Z', [request('s', 'a', 'any')]);
    const [outcome] = await thread.commit('2026-01-01T00:00:00.000Z', [
      request('other', 'a', 'any'),
    ]);
    expect(outcome?.ok === false && outcome.error).toMatchObject({
      code: 'SQLITE_CONSTRAINT_UNIQUE',
      message: expect.stringMatching(/events\.id$/),
    });
    await thread.close();
  });

  it('A1: starts in a process run with Node options a worker refuses (a V8 heap size)', () => {
    const root = resolve(__dirname, '../../../../..');
    const run = spawnSync(
      process.execPath,
      [
        '--max-semi-space-size=16',
        '-r',
        join(root, 'test/event-store/register-swc.js'),
        join(root, 'test/event-store/sqlite-append-once.ts'),
        file,
      ],
      { encoding: 'utf8', timeout: 20_000 },
    );
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('appended at 1');
  });
});
