import type Database from 'better-sqlite3';
import type { CallGate } from '../call-gate';
import { parseJson, stringifyJson } from '../event-json';
import type { Snapshot, SnapshotStore } from '../event-store.port';
import { retryWhenBusy } from './sqlite-busy';

interface SnapshotRow {
  readonly revision: bigint;
  readonly schema_version: string;
  readonly state: string;
}

/** A snapshot as the `snapshots` table keeps it: its state already JSON text. */
export interface SnapshotWrite {
  readonly stream: string;
  readonly revision: bigint;
  readonly schemaVersion: string;
  readonly state: string;
}

/** Writes a snapshot (on the connection it was made with), retrying while another holds the lock. */
export type SaveSnapshot = (snapshot: SnapshotWrite) => Promise<void>;

export const snapshotSaver = (db: Database.Database): SaveSnapshot => {
  // One statement, so it is atomic against other writers: a snapshot only moves forward.
  const save = db.prepare<[string, bigint, string, string]>(
    `INSERT INTO snapshots (stream, revision, schema_version, state) VALUES (?, ?, ?, ?)
     ON CONFLICT (stream) DO UPDATE SET
       revision = excluded.revision,
       schema_version = excluded.schema_version,
       state = excluded.state
     WHERE excluded.revision > snapshots.revision`,
  );
  return async ({ stream, revision, schemaVersion, state }) => {
    await retryWhenBusy(`save snapshot of ${stream}`, () =>
      save.run(stream, revision, schemaVersion, state),
    );
  };
};

/**
 * Latest snapshot per stream in the `snapshots` table of the event store's file. Read on the
 * store's connection; written through `write` (the writer thread, for a file).
 */
export class SqliteSnapshotStore implements SnapshotStore {
  private readonly loadStmt: Database.Statement<[string], SnapshotRow>;

  constructor(
    db: Database.Database,
    private readonly gate: CallGate,
    private readonly write: SaveSnapshot,
  ) {
    this.loadStmt = db
      .prepare<[string], SnapshotRow>(
        'SELECT revision, schema_version, state FROM snapshots WHERE stream = ?',
      )
      .safeIntegers(true);
  }

  async load(streamName: string): Promise<Snapshot | null> {
    return this.gate.run(`load snapshot of ${streamName}`, async () => this.read(streamName));
  }

  private read(streamName: string): Snapshot | null {
    const row = this.loadStmt.get(streamName);
    if (row === undefined) return null;
    return {
      revision: row.revision,
      schemaVersion: row.schema_version,
      state: parseJson(row.state, `snapshot of ${streamName}`),
    };
  }

  async save(streamName: string, snapshot: Snapshot): Promise<void> {
    const state = stringifyJson(snapshot.state, `snapshot state of ${streamName}`);
    const { revision, schemaVersion } = snapshot;
    return this.gate.run(`save snapshot of ${streamName}`, () =>
      this.write({ stream: streamName, revision, schemaVersion, state }),
    );
  }
}
