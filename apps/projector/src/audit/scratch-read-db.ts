import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { ReadDbUrl } from '@lic/config';

export interface ScratchReadDb {
  readonly url: ReadDbUrl;
  drop(): Promise<void>;
}

/**
 * A temporary, empty read database of the same kind as `like`: a SQLite file in the temp
 * directory, or a new database on the same PostgreSQL server (the role needs CREATEDB).
 */
export const scratchReadDbLike = async (like: ReadDbUrl): Promise<ScratchReadDb> => {
  if (like.kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'audit-verify-'));
    return {
      url: { kind: 'sqlite', file: join(dir, 'read.db') },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `audit_verify_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: like.url });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  try {
    await admin(`CREATE DATABASE ${name}`);
  } catch (error) {
    throw new Error(
      `could not create a scratch database on the read database's server (${(error as Error).message}); ` +
        'grant CREATEDB, or pass --into <sqlite:file|postgres://…>',
    );
  }
  const url = new URL(like.url);
  url.pathname = `/${name}`;
  return {
    url: { kind: 'postgres', url: url.toString() },
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
};
