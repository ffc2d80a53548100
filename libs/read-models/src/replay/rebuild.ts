import type { DataSource } from 'typeorm';
import type { EventStore } from '@lic/event-store';
import { dialectOf, recreateReadModels } from '../schema/read-db';
import { sqliteConnectionOf } from '../projection/sql/sqlite-statements';
import { DEFERRED_INDEX_TABLES, withDeferredIndexes } from './deferred-indexes';
import {
  projectFromStore,
  type ProjectFromStoreOptions,
  type ProjectFromStoreResult,
} from './project-from-store';

/**
 * Events per transaction of a rebuild, at least: nobody reads the read models while they are
 * rebuilt, so the batch can be larger than the live projector's (PROJECTION_BATCH_SIZE, sized
 * for freshness). Fewer commits write each busy page (a license's occupancy, its utilization
 * hour) once per transaction instead of once per 500 events. A crash still loses at most one
 * transaction: the rebuild goes on from the checkpoint it committed with its rows.
 */
export const REBUILD_EVENTS_PER_TRANSACTION = 10_000;

/**
 * A3: drops every read model, recreates the schema, and projects the whole history from
 * position zero. The live projector must be stopped meanwhile (its checkpoint compare-and-set
 * would fail rather than write twice).
 */
export const rebuildReadModels = async (
  eventStore: EventStore,
  dataSource: DataSource,
  options: ProjectFromStoreOptions,
): Promise<ProjectFromStoreResult> => {
  await recreateReadModels(dataSource);
  return withoutWalCheckpoints(dataSource, () =>
    withDeferredIndexes(dataSource, DEFERRED_INDEX_TABLES, () =>
      projectFromStore(eventStore, dataSource, {
        ...options,
        bulk: options.bulk ?? true,
        batchSize: Math.max(options.batchSize, REBUILD_EVENTS_PER_TRANSACTION),
      }),
    ),
  );
};

/**
 * SQLite: no automatic WAL checkpoint while `run` runs, one at the end. Every rebuild
 * transaction rewrites the same busy pages (holders, occupancy, utilization hours); checkpointed
 * after every commit they were copied into the database file each time, now once. Commits stay
 * exactly as durable (the WAL is the same); the WAL file grows meanwhile — nobody reads during
 * a rebuild — and is truncated at the end.
 */
const withoutWalCheckpoints = async <T>(dataSource: DataSource, run: () => Promise<T>) => {
  if (dialectOf(dataSource) !== 'sqlite') return run();
  const sqlite = sqliteConnectionOf(dataSource);
  const pages = Number(sqlite.pragma('wal_autocheckpoint', { simple: true }));
  sqlite.pragma('wal_autocheckpoint = 0');
  try {
    return await run();
  } finally {
    sqlite.pragma(`wal_autocheckpoint = ${pages}`);
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
  }
};
