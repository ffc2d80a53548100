import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { ReadDbUrl } from '@lic/config';

export type ReadDbKind = 'sqlite' | 'postgres';

/** The server the read-side tests use; each suite gets databases of its own on it. */
export const PG_SERVER = process.env['READ_SIDE_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432';
const required = process.env['REQUIRE_POSTGRES'] === '1';

let reachable: boolean | undefined;
/** Checked once per test file, synchronously (describe blocks cannot wait). */
const postgresReachable = (): boolean => {
  reachable ??=
    spawnSync(
      process.execPath,
      [
        '-e',
        `const { Client } = require('pg');
         const c = new Client({ connectionString: process.argv[1], connectionTimeoutMillis: 2000 });
         c.connect().then(() => c.end()).then(() => process.exit(0), () => process.exit(1));`,
        `${PG_SERVER}/postgres`,
      ],
      { timeout: 5000, cwd: process.cwd() },
    ).status === 0;
  return reachable;
};

/** Whether suites on PostgreSQL run: it answers, or REQUIRE_POSTGRES=1 (CI) runs them to fail. */
export const postgresRuns = (): boolean => postgresReachable() || required;

/** What the title of a PostgreSQL suite says when it is skipped. */
export const POSTGRES_SKIPPED = `skipped: PostgreSQL unreachable at ${PG_SERVER}`;

/**
 * Runs a suite once per read database: SQLite always, PostgreSQL when it answers. Without it
 * the PostgreSQL variant is skipped with the reason in its title, unless REQUIRE_POSTGRES=1
 * (CI), where it runs and fails.
 */
export const describeOnReadDbs = (title: string, suite: (kind: ReadDbKind) => void): void => {
  describe(`${title} [sqlite]`, () => suite('sqlite'));
  if (postgresRuns()) {
    describe(`${title} [postgres]`, () => suite('postgres'));
  } else {
    describe.skip(`${title} [postgres] — ${POSTGRES_SKIPPED}`, () => {
      it('needs PostgreSQL (set REQUIRE_POSTGRES=1 to fail instead of skipping)', () => undefined);
    });
  }
};

export interface ScratchDb {
  readonly url: ReadDbUrl;
  drop(): Promise<void>;
}

/** Runs `run` on a connection to the server's maintenance database (to create or drop one). */
export const admin = async <T>(run: (client: Client) => Promise<T>): Promise<T> => {
  const client = new Client({ connectionString: `${PG_SERVER}/postgres` });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
};

/** A new, empty read database: a temporary SQLite file, or a fresh PostgreSQL database. */
export const scratchReadDb = async (kind: ReadDbKind): Promise<ScratchDb> => {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'read-side-'));
    return {
      url: { kind: 'sqlite', file: join(dir, 'read.db') },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `read_side_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  return {
    url: { kind: 'postgres', url: `${PG_SERVER}/${name}` },
    drop: () =>
      admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
};
