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

/** Latest snapshot per stream in the `snapshots` table of the event store's file. */
export class SqliteSnapshotStore implements SnapshotStore {
  private readonly loadStmt: Database.Statement<[string], SnapshotRow>;
  private readonly saveStmt: Database.Statement<[string, bigint, string, string]>;

  constructor(
    db: Database.Database,
    private readonly gate: CallGate,
  ) {
    this.loadStmt = db
      .prepare<[string], SnapshotRow>(
        'SELECT revision, schema_version, state FROM snapshots WHERE stream = ?',
      )
      .safeIntegers(true);
    // One statement, so it is atomic against other writers: a snapshot only moves forward.
    this.saveStmt = db.prepare<[string, bigint, string, string]>(
      `INSERT INTO snapshots (stream, revision, schema_version, state) VALUES (?, ?, ?, ?)
       ON CONFLICT (stream) DO UPDATE SET
         revision = excluded.revision,
         schema_version = excluded.schema_version,
         state = excluded.state
       WHERE excluded.revision > snapshots.revision`,
    );
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
    const what = `save snapshot of ${streamName}`;
    return this.gate.run(what, async () => {
      await retryWhenBusy(what, () =>
        this.saveStmt.run(streamName, snapshot.revision, snapshot.schemaVersion, state),
      );
    });
  }
}
