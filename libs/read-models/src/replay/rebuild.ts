import type { DataSource } from 'typeorm';
import type { EventStore } from '@lic/event-store';
import { dialectOf, recreateReadModels, sqliteFileOf } from '../schema/read-db';
import { DEFERRED_INDEX_TABLES, withDeferredIndexes } from './deferred-indexes';
import {
  projectFromStore,
  type ProjectFromStoreOptions,
  type ProjectFromStoreResult,
} from './project-from-store';
import { PgRebuildWriter } from './pg-rebuild-writer';
import { RebuildPipe } from './rebuild-pipe';
import { RebuildWriterThread } from './rebuild-writer-thread';
import { READ_DB_BUSY_TIMEOUT_MS } from '../schema/sqlite-read-settings';
import { BACKSTOP_AUTOCHECKPOINT_PAGES, WalCheckpointer } from '../schema/wal-checkpointer';

/**
 * Events per transaction of a rebuild, at least: nobody reads the read models while they are
 * rebuilt, so the batch can be larger than the live projector's (PROJECTION_BATCH_SIZE, sized
 * for freshness). Fewer commits write each busy page (a license's occupancy, its utilization
 * hour) once per transaction instead of once per 500 events. A crash loses only the batches
 * not yet committed (on SQLite, up to two handed to the writer thread and the one being
 * projected): the checkpoint is always committed with exactly the rows it covers.
 */
export const REBUILD_EVENTS_PER_TRANSACTION = 10_000;

/**
 * A3: drops every read model, recreates the schema, and projects the whole history from
 * position zero. The live projector must be stopped meanwhile (its checkpoint compare-and-set
 * would fail rather than write twice). The batches are committed while the next one is
 * projected (RebuildPipe) — on a SQLite file by a writer thread, on PostgreSQL by a connection
 * of the rebuild's own: the same rows, with the database working beside the event loop.
 */
export const rebuildReadModels = async (
  eventStore: EventStore,
  dataSource: DataSource,
  options: ProjectFromStoreOptions,
): Promise<ProjectFromStoreResult> => {
  await recreateReadModels(dataSource);
  return withDeferredIndexes(dataSource, DEFERRED_INDEX_TABLES, () =>
    withRebuildSink(dataSource, (pipe) =>
      projectFromStore(eventStore, dataSource, {
        ...options,
        bulk: options.bulk ?? true,
        batchSize: Math.max(options.batchSize, REBUILD_EVENTS_PER_TRANSACTION),
        ...(pipe === undefined ? {} : { pipe }),
      }),
    ),
  );
};

/**
 * Runs `run` with the rebuild's own PostgreSQL connection as its sink (given back before
 * returning), or on a SQLite file with a writer thread (stopped and drained before returning).
 * The WAL is checkpointed meanwhile by a thread of its own (WalCheckpointer), as the live
 * projector's is, not inside the writer's COMMITs: a third of that thread's time went to them,
 * and the writer thread is what the main thread waits for. A checkpoint that fails is tried
 * again 200 ms later, and the writer checkpoints itself past BACKSTOP_AUTOCHECKPOINT_PAGES, so
 * the WAL stays bounded either way; the indexes built after it see the usual setting again.
 */
const withRebuildSink = async <T>(
  dataSource: DataSource,
  run: (pipe: RebuildPipe | undefined) => Promise<T>,
): Promise<T> => {
  const file = sqliteFileOf(dataSource);
  if (file === null) {
    if (dialectOf(dataSource) !== 'postgres') return run(undefined);
    const writer = await PgRebuildWriter.open(dataSource);
    try {
      return await run(new RebuildPipe(writer));
    } finally {
      await writer.close();
    }
  }
  const checkpointer = WalCheckpointer.start(dataSource, () => undefined);
  const thread = RebuildWriterThread.start(
    file,
    READ_DB_BUSY_TIMEOUT_MS,
    BACKSTOP_AUTOCHECKPOINT_PAGES,
  );
  try {
    return await run(new RebuildPipe(thread));
  } finally {
    await thread.close();
    await checkpointer?.close();
  }
};
