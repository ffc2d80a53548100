import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource } from 'typeorm';
import { sqliteConnectionOf } from '../projection/sql/sqlite-statements';
import { openReadDb } from './read-db';
import { BACKSTOP_AUTOCHECKPOINT_PAGES, WalCheckpointer } from './wal-checkpointer';

const MB = 1024 * 1024;

describe('WalCheckpointer (the read database WAL, checkpointed off the projector thread)', () => {
  let dir: string;
  let file: string;
  let db: DataSource;
  let checkpointer: WalCheckpointer | null = null;
  const errors: string[] = [];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wal-checkpointer-'));
    file = join(dir, 'read.db');
    db = await openReadDb({ kind: 'sqlite', file });
    sqliteConnectionOf(db).exec('CREATE TABLE filler (n INTEGER PRIMARY KEY, bytes BLOB)');
    errors.length = 0;
  });

  afterEach(async () => {
    await checkpointer?.close();
    checkpointer = null;
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  /** One transaction of `mb` MiB through the data source's own connection (the projector's). */
  let next = 0;
  const commit = (mb: number) => {
    const connection = sqliteConnectionOf(db);
    const insert = connection.prepare('INSERT INTO filler (n, bytes) VALUES (?, ?)');
    connection.transaction(() => {
      for (let i = 0; i < mb * 16; i++) insert.run(next++, Buffer.alloc(64 * 1024, next % 251));
    })();
  };

  const waitFor = async (done: () => boolean, ms: number) => {
    for (const until = Date.now() + ms; !done() && Date.now() < until;) await sleep(10);
    return done();
  };

  it('A2: committed pages reach the database file through the thread, not through the commit', async () => {
    checkpointer = WalCheckpointer.start(db, (e) => errors.push(e), 20);
    const before = statSync(file).size;
    commit(2); // 2 MiB: 512 pages, below any automatic checkpoint of the committing connection
    expect(await waitFor(() => statSync(file).size >= before + 2 * MB, 5_000)).toBe(true);
    expect(errors).toEqual([]);
  });

  it('A2: the WAL stays a few transactions long while the projector commits 40 MiB', async () => {
    checkpointer = WalCheckpointer.start(db, (e) => errors.push(e), 20);
    for (let i = 0; i < 40; i++) {
      commit(1);
      await sleep(40);
    }
    // The WAL file keeps its largest size; without the thread it would hold all 40 MiB (the
    // committing connection's own checkpoint waits for 10,000 pages).
    expect(statSync(`${file}-wal`).size).toBeLessThan(8 * MB);
    expect(errors).toEqual([]);
  });

  it('A2: the committing connection checkpoints only as a backstop while the thread runs, and again after it stops', async () => {
    const autocheckpoint = () =>
      sqliteConnectionOf(db).pragma('wal_autocheckpoint', { simple: true });
    expect(autocheckpoint()).toBe(1_000);
    checkpointer = WalCheckpointer.start(db, (e) => errors.push(e));
    expect(autocheckpoint()).toBe(BACKSTOP_AUTOCHECKPOINT_PAGES);
    await checkpointer?.close();
    checkpointer = null;
    expect(autocheckpoint()).toBe(1_000);
    // What is restored is the connection's own setting, not SQLite's default.
    sqliteConnectionOf(db).pragma('wal_autocheckpoint = 250');
    checkpointer = WalCheckpointer.start(db, (e) => errors.push(e));
    expect(autocheckpoint()).toBe(BACKSTOP_AUTOCHECKPOINT_PAGES);
    await checkpointer?.close();
    checkpointer = null;
    expect(autocheckpoint()).toBe(250);
  });

  it('A2: no thread for a database that is not a file', async () => {
    const memory = await openReadDb({ kind: 'sqlite', file: ':memory:' });
    try {
      expect(WalCheckpointer.start(memory, () => undefined)).toBeNull();
    } finally {
      await memory.destroy();
    }
  });
});
