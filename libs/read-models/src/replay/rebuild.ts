import type { DataSource } from 'typeorm';
import type { EventStore } from '@lic/event-store';
import { recreateReadModels } from '../schema/read-db';
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
  return withDeferredIndexes(dataSource, DEFERRED_INDEX_TABLES, () =>
    projectFromStore(eventStore, dataSource, {
      ...options,
      bulk: options.bulk ?? true,
      batchSize: Math.max(options.batchSize, REBUILD_EVENTS_PER_TRANSACTION),
    }),
  );
};
