import { fork, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { READ_MODEL_MIGRATIONS_TABLE, readDataSourceOptions } from '@lic/read-models';
import { describeOnReadDbs, scratchReadDb, type ScratchDb } from './support/read-dbs';

const hook = resolve(__dirname, '../event-store/register-swc.js');
const CHILD = resolve(__dirname, 'support/open-read-db.child.ts');
// PostgreSQL migrates in about a second: fewer rounds keep the suite short.
const roundsOf = (kind: string) => (kind === 'postgres' ? 10 : 20);
const PROCESSES = 4;

type Answer = { ready: true } | { ok: true } | { ok: false; error: string };
const next = (child: ChildProcess) =>
  new Promise<Answer>((ok, fail) => {
    const exited = (code: number | null) => fail(new Error(`child exited with ${code}`));
    child.once('exit', exited);
    child.once('message', (m) => {
      child.off('exit', exited);
      ok(m as Answer);
    });
  });

/**
 * The projector, the query API and the CLIs each open the read database, and on a fresh one
 * they would all run the migrations. Started together they take turns (an advisory lock on
 * PostgreSQL, an immediate transaction on SQLite): none fails, each migration runs once.
 */
describeOnReadDbs('read-model migrations on start-up', (kind) => {
  let children: ChildProcess[] = [];
  beforeAll(async () => {
    children = Array.from({ length: PROCESSES }, () =>
      fork(CHILD, [], { execArgv: ['-r', hook], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }),
    );
    const ready = await Promise.all(children.map(next));
    expect(ready).toEqual(children.map(() => ({ ready: true })));
  }, 60_000);
  afterAll(() => {
    for (const c of children) c.kill();
  });

  /** An empty database for each round: a new SQLite file; PostgreSQL's schema dropped. */
  const emptyDatabase = async (previous: ScratchDb | undefined): Promise<ScratchDb> => {
    if (kind === 'sqlite' || previous === undefined) {
      await previous?.drop();
      return scratchReadDb(kind);
    }
    const db = await new DataSource(readDataSourceOptions(previous.url)).initialize();
    await db.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
    await db.destroy();
    return previous;
  };

  it(`A2: ${roundsOf(kind)} rounds of ${PROCESSES} processes opening a fresh database together: no error, migrated once`, async () => {
    let scratch: ScratchDb | undefined;
    try {
      for (let round = 0; round < roundsOf(kind); round++) {
        scratch = await emptyDatabase(scratch);
        const answers = children.map(next);
        for (const c of children) c.send(scratch.url);
        expect(await Promise.all(answers)).toEqual(children.map(() => ({ ok: true })));
        const db = await new DataSource(readDataSourceOptions(scratch.url)).initialize();
        try {
          const rows: { name: string }[] = await db.query(
            `SELECT name FROM ${READ_MODEL_MIGRATIONS_TABLE}`,
          );
          expect(rows.map((r) => r.name)).toEqual(db.migrations.map((m) => m.name));
          expect(await db.showMigrations()).toBe(false);
        } finally {
          await db.destroy();
        }
      }
    } finally {
      await scratch?.drop();
    }
  }, 180_000);
});
