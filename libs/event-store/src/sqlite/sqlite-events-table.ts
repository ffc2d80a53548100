import type Database from 'better-sqlite3';
import type { EventRow, EventTuple } from './sqlite-rows';

const COLUMNS = 'position, stream, revision, id, type, data, metadata, recorded_at';
/** Larger than any revision: the start of a backwards read from the end. */
const MAX_REVISION = 2n ** 63n - 1n;

export interface PlaceRow {
  readonly position: bigint;
  readonly stream: string;
  readonly revision: bigint;
}

export interface EventInsert {
  readonly stream: string;
  readonly revision: bigint;
  readonly id: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
  readonly recordedAt: string;
}

/** The prepared statements over the `events` table; every integer comes back as bigint. */
export class SqliteEventsTable {
  private readonly lastRevisionStmt: Database.Statement<[string], { revision: bigint }>;
  private readonly insertStmt: Database.Statement<[EventInsert]>;
  private readonly byIdStmt: Database.Statement<[string], EventRow>;
  private readonly forwardsStmt: Database.Statement<[string, bigint, number], EventRow>;
  private readonly backwardsStmt: Database.Statement<[string, bigint, number], EventRow>;
  private readonly allAfterStmt: Database.Statement<[bigint, number], EventTuple>;
  private readonly dataVersionStmt: Database.Statement<[], { data_version: bigint }>;

  constructor(private readonly db: Database.Database) {
    this.lastRevisionStmt = db
      .prepare<[string], { revision: bigint }>(
        'SELECT revision FROM events WHERE stream = ? ORDER BY revision DESC LIMIT 1',
      )
      .safeIntegers(true);
    this.insertStmt = db
      .prepare<[EventInsert]>(
        `INSERT INTO events (stream, revision, id, type, data, metadata, recorded_at)
         VALUES (@stream, @revision, @id, @type, @data, @metadata, @recordedAt)`,
      )
      .safeIntegers(true);
    this.byIdStmt = db
      .prepare<[string], EventRow>(`SELECT ${COLUMNS} FROM events WHERE id = ?`)
      .safeIntegers(true);
    this.forwardsStmt = db
      .prepare<[string, bigint, number], EventRow>(
        `SELECT ${COLUMNS} FROM events WHERE stream = ? AND revision >= ?
         ORDER BY revision ASC LIMIT ?`,
      )
      .safeIntegers(true);
    this.backwardsStmt = db
      .prepare<[string, bigint, number], EventRow>(
        `SELECT ${COLUMNS} FROM events WHERE stream = ? AND revision <= ?
         ORDER BY revision DESC LIMIT ?`,
      )
      .safeIntegers(true);
    this.allAfterStmt = db
      .prepare<[bigint, number], EventTuple>(
        `SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position ASC LIMIT ?`,
      )
      .safeIntegers(true)
      .raw(true);
    this.dataVersionStmt = db
      .prepare<[], { data_version: bigint }>('PRAGMA data_version')
      .safeIntegers(true);
  }

  lastRevision(stream: string): bigint | undefined {
    return this.lastRevisionStmt.get(stream)?.revision;
  }

  /** Inserts one event and returns its global position. */
  insert(row: EventInsert): bigint {
    return BigInt(this.insertStmt.run(row).lastInsertRowid);
  }

  byId(id: string): EventRow | undefined {
    return this.byIdStmt.get(id);
  }

  streamForwards(stream: string, fromRevision: bigint, limit: number): EventRow[] {
    return this.forwardsStmt.all(stream, fromRevision, limit);
  }

  streamBackwards(stream: string, fromRevision: bigint | undefined, limit: number): EventRow[] {
    return this.backwardsStmt.all(stream, fromRevision ?? MAX_REVISION, limit);
  }

  /** `$all` after a position, as raw rows (no column names: cheaper to read in bulk). */
  allAfter(position: bigint, limit: number): EventTuple[] {
    return this.allAfterStmt.all(position, limit);
  }

  /** A reader of `$all` restricted to streams starting with one of the prefixes. */
  prefixedReader(prefixes: readonly string[]): (after: bigint, limit: number) => EventRow[] {
    return this.reader<EventRow>(COLUMNS, prefixes);
  }

  /** Where events were written after a position (no content read): all, or under prefixes. */
  placeReader(prefixes?: readonly string[]): (after: bigint, limit: number) => PlaceRow[] {
    return this.reader<PlaceRow>('position, stream, revision', prefixes);
  }

  private reader<R>(
    columns: string,
    prefixes: readonly string[] | undefined,
  ): (after: bigint, limit: number) => R[] {
    if (prefixes !== undefined && prefixes.length === 0) return () => [];
    const clauses = (prefixes ?? []).map(() => 'substr(stream, 1, length(?)) = ?').join(' OR ');
    const stmt = this.db
      .prepare<unknown[], R>(
        `SELECT ${columns} FROM events WHERE position > ? ${clauses === '' ? '' : `AND (${clauses})`}
         ORDER BY position ASC LIMIT ?`,
      )
      .safeIntegers(true);
    const prefixArgs = (prefixes ?? []).flatMap((p) => [p, p]);
    return (after, limit) => stmt.all(after, ...prefixArgs, limit);
  }

  /** Changes whenever another connection (e.g. another process) commits to the file. */
  dataVersion(): bigint {
    const row = this.dataVersionStmt.get();
    if (row === undefined) throw new Error('PRAGMA data_version returned nothing');
    return row.data_version;
  }
}
