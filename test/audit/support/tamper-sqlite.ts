import Database from 'better-sqlite3';
import type { StoredRow, Tamper } from './stored-rows';

/** Rewrites a (closed) SQLite store file with the tampered rows, positions kept. */
export const tamperSqliteFile = (file: string, tamper: Tamper): void => {
  const db = new Database(file);
  try {
    const rows = db
      .prepare(
        'SELECT position, stream, revision, id, type, data, metadata, recorded_at FROM events ORDER BY position',
      )
      .safeIntegers(true)
      .all() as (StoredRow & { recorded_at: string })[];
    const at = new Map(rows.map((r) => [r.position, r.recorded_at]));
    const changed = tamper(rows.map(({ recorded_at: _r, ...r }) => ({ ...r })));
    const insert = db.prepare(
      `INSERT INTO events (position, stream, revision, id, type, data, metadata, recorded_at)
       VALUES (@position, @stream, @revision, @id, @type, @data, @metadata, @recordedAt)`,
    );
    db.transaction(() => {
      db.prepare('DELETE FROM events').run();
      db.prepare('DELETE FROM snapshots').run();
      for (const r of changed) insert.run({ ...r, recordedAt: at.get(r.position) ?? '' });
    })();
  } finally {
    db.close();
  }
};
