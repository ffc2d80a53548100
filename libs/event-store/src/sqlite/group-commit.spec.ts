import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WrongExpectedRevisionError } from '../event-store.port';
import { inlineWriter, type AppendWriter } from './append-batch';
import { encodeEvents, type EncodedEvent } from './sqlite-append';
import { SqliteEventsTable } from './sqlite-events-table';
import { prepareDatabase } from './sqlite-schema';
import { GroupCommit } from './group-commit';
import { threadWriter } from './writer/sqlite-writer-thread';

const event = (id: string): EncodedEvent =>
  encodeEvents([
    {
      id,
      type: 'Noted.v1',
      data: { id },
      metadata: { correlationId: 'c', causationId: null, actor: 'system:test' },
    },
  ])[0] as EncodedEvent;

const recordedAt = () => '2026-01-01T00:00:00.000Z';

/** The same group commit, committed on this thread or on the writer thread (a file). */
const writers: readonly [string, (db: Database.Database, file: string) => AppendWriter][] = [
  ['on the calling thread', (db) => inlineWriter(db, new SqliteEventsTable(db), recordedAt)],
  [
    'on the writer thread',
    (_db, file) => threadWriter({ file, busyTimeoutMs: 1000, synchronous: 'FULL' }, recordedAt),
  ],
];

describe.each(writers)('group commit %s', (_name, writerFor) => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'group-commit-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const setUp = () => {
    const file = join(dir, 'events.db');
    const db = new Database(file);
    prepareDatabase(db, 1000);
    const writer = writerFor(db, file);
    let commits = 0;
    const group = new GroupCommit(writer.commit, () => commits++);
    const close = async () => {
      await writer.close();
      db.close();
    };
    return { db, group, commits: () => commits, close };
  };

  it('F4: concurrent appends share one commit, each with its own revision check', async () => {
    const { db, group, commits, close } = setUp();
    const results = await Promise.allSettled([
      ...Array.from({ length: 50 }, (_, i) =>
        group.append({ streamName: `s-${i}`, events: [event(`e-${i}`)], expected: 'no_stream' }),
      ),
      group.append({ streamName: 's-0', events: [event('late')], expected: 'no_stream' }),
      group.append({ streamName: 's-1', events: [event('next')], expected: 0n }),
    ]);
    expect(commits()).toBe(1);
    expect(results.slice(0, 50).every((r) => r.status === 'fulfilled')).toBe(true);
    const conflict = results[50];
    expect(conflict?.status === 'rejected' && conflict.reason).toBeInstanceOf(
      WrongExpectedRevisionError,
    );
    expect(results[51]).toMatchObject({ status: 'fulfilled', value: { nextExpectedRevision: 1n } });
    const count = db.prepare('select count(*) as n from events').get() as { n: number };
    expect(count.n).toBe(51);
    await close();
  });

  it('F4: an append that fails in a group leaves nothing of itself and fails alone', async () => {
    const { db, group, commits, close } = setUp();
    await group.append({ streamName: 'taken', events: [event('used')], expected: 'no_stream' });
    const retried = { streamName: 'r', events: [event('r-0')], expected: 'no_stream' as const };
    await group.append(retried);
    const results = await Promise.allSettled([
      group.append({ streamName: 'one', events: [event('used')], expected: 'no_stream' }),
      group.append({ streamName: 'ok', events: [event('ok-0')], expected: 'no_stream' }),
      group.append({
        streamName: 'several',
        events: [event('several-0'), event('used')],
        expected: 'no_stream',
      }),
      group.append({ streamName: 'taken', events: [event('next')], expected: 0n }),
      group.append(retried),
    ]);
    expect(commits()).toBe(3);
    expect(results.map((r) => r.status)).toEqual([
      'rejected',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
    // The retry is answered with what the first attempt wrote, not written twice.
    expect(results[4]).toMatchObject({ status: 'fulfilled', value: { nextExpectedRevision: 0n } });
    const rows = db.prepare('select stream, id from events order by position').all();
    expect(rows).toEqual([
      { stream: 'taken', id: 'used' },
      { stream: 'r', id: 'r-0' },
      { stream: 'ok', id: 'ok-0' },
      { stream: 'taken', id: 'next' },
    ]);
    await close();
  });

  it('A1: a failure that ends the transaction fails the whole group, and nothing of it is written', async () => {
    const { db, group, close } = setUp();
    // What SQLITE_FULL or an I/O error does to a transaction: SQLite rolls all of it back.
    db.exec(`CREATE TRIGGER poison BEFORE INSERT ON events WHEN NEW.stream = 'poison'
             BEGIN SELECT RAISE(ROLLBACK, 'the disk is full (simulated)'); END`);
    const results = await Promise.allSettled(
      ['before', 'poison', 'after'].map((streamName) =>
        group.append({ streamName, events: [event(streamName)], expected: 'no_stream' }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(String((results[0] as PromiseRejectedResult).reason)).toContain('disk is full');
    expect((db.prepare('select count(*) as n from events').get() as { n: number }).n).toBe(0);
    // The store goes on: the next group commits.
    await expect(
      group.append({ streamName: 'after', events: [event('again')], expected: 'no_stream' }),
    ).resolves.toMatchObject({ nextExpectedRevision: 0n });
    await close();
  });

  it('A1: an append is acknowledged only after the commit that holds it', async () => {
    const { db, group, close } = setUp();
    const pending = group.append({ streamName: 's', events: [event('x')], expected: 'any' });
    // Not yet flushed: nothing is visible, and nothing has been acknowledged.
    expect((db.prepare('select count(*) as n from events').get() as { n: number }).n).toBe(0);
    await expect(pending).resolves.toMatchObject({ nextExpectedRevision: 0n });
    expect((db.prepare('select count(*) as n from events').get() as { n: number }).n).toBe(1);
    await close();
  });
});
