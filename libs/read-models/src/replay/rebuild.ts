import type { DataSource } from 'typeorm';
import type { EventStore } from '@lic/event-store';
import { recreateReadModels } from '../schema/read-db';
import {
  projectFromStore,
  type ProjectFromStoreOptions,
  type ProjectFromStoreResult,
} from './project-from-store';

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
  return projectFromStore(eventStore, dataSource, options);
};
