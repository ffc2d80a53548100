import { rmSync } from 'node:fs';
import { Client } from 'pg';
import type { ReadDbUrl } from '@lic/config';

export interface BenchDb {
  readonly name: string;
  readonly url: ReadDbUrl;
  drop(): Promise<void>;
}

export const PG_SERVER = process.env['BENCH_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432';

/** A fresh SQLite file under data/bench/. */
export const sqliteDb = (file: string): BenchDb => {
  const remove = () => {
    for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
  };
  remove();
  return { name: 'sqlite', url: { kind: 'sqlite', file }, drop: async () => remove() };
};

/** A fresh database on the PostgreSQL server, or null if it does not answer. */
export const postgresDb = async (name: string): Promise<BenchDb | null> => {
  const admin = async (sql: string) => {
    const client = new Client({
      connectionString: `${PG_SERVER}/postgres`,
      connectionTimeoutMillis: 3000,
    });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  try {
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin(`CREATE DATABASE ${name}`);
  } catch {
    return null;
  }
  return {
    name: 'postgres',
    url: { kind: 'postgres', url: `${PG_SERVER}/${name}` },
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
};
