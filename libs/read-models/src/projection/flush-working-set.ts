import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import {
  ActivationRow,
  AuditEntryRow,
  LeaseRow,
  LicenseRow,
  ProductRow,
  RefusalCountRow,
  RefusalRow,
  SeatOccupancyRow,
  SessionRow,
  UtilizationBucketRow,
  UtilizationStepRow,
  VariantRow,
} from '../schema/entities';
import { occupancyOf } from './finish-working-set';
import { utilizationOf, type UtilizationChanges } from './utilization/fold-utilization';
import type { ProjectionCache } from './projection-cache';
import type { DeferredWrites } from './sql/deferred-writes';
import type { StatementBatch } from './sql/statement-batch';
import { TableWriter } from './sql/table-writer';
import type { WorkingSet } from './working-set';

/**
 * A piped rebuild's batch, whose writes are run later (by SQLite's writer thread, or on
 * PostgreSQL by the rebuild's own connection): they are recorded in `recorder`, and
 * `beforeRead` waits until every earlier batch is committed before the database is read.
 */
export interface RecordedWrites {
  readonly recorder: StatementBatch | DeferredWrites;
  readonly beforeRead: () => Promise<void>;
}

/** Rows written by one batch, per table (for logs and the benchmark). */
export type WriteCounts = Readonly<Record<string, number>>;

/**
 * Writes what the batch changed. Runs inside the batch's transaction. `bulk` (a rebuild): the
 * same rows, through COPY on PostgreSQL (TableWriter); `recorded`: the writes recorded, not
 * run.
 */
export const flushWorkingSet = async (
  manager: EntityManager,
  ws: WorkingSet,
  cache?: ProjectionCache,
  bulk = false,
  recorded?: RecordedWrites,
): Promise<{ writes: WriteCounts; tails: UtilizationChanges['tails'] }> => {
  const writer = <Row extends ObjectLiteral>(target: EntityTarget<Row>) =>
    new TableWriter(manager, target, bulk, recorded?.recorder);
  const occupancy = occupancyOf(ws);
  const utilization = await utilizationOf(manager, ws, cache, recorded?.beforeRead);
  const refusals: RefusalCountRow[] = [...ws.refusals.values()];
  const changed = {
    products: ws.products.changed(),
    variants: ws.variants.changed(),
    licenses: ws.licenses.changed(),
    leases: ws.leases.changed(),
    sessions: ws.sessions.changed(),
    activations: ws.activations.changed(),
  };

  await writer(AuditEntryRow).insert(ws.audit);
  await writer(ProductRow).upsert(changed.products);
  await writer(VariantRow).upsert(changed.variants);
  await writer(LicenseRow).upsert(changed.licenses);
  await writer(LeaseRow).upsert(changed.leases);
  await writer(SessionRow).upsert(changed.sessions);
  await writer(ActivationRow).upsert(changed.activations);
  await writer(SeatOccupancyRow).upsert(occupancy);
  await writer(RefusalCountRow).increment(refusals, ['count']);
  await writer(RefusalRow).insert(ws.refusalRows);
  await writer(UtilizationBucketRow).deleteByKey(utilization.remove);
  await writer(UtilizationBucketRow).upsert(utilization.put);
  await writer(UtilizationStepRow).deleteByKey(utilization.removeSteps);
  await writer(UtilizationStepRow).upsert(utilization.putSteps);

  const writes = {
    audit_log: ws.audit.length,
    ...Object.fromEntries(Object.entries(changed).map(([table, rows]) => [table, rows.length])),
    seat_occupancy: occupancy.length,
    refusal_counts: refusals.length,
    refusals: ws.refusalRows.length,
    utilization_buckets: utilization.put.length + utilization.remove.length,
    utilization_steps: utilization.putSteps.length + utilization.removeSteps.length,
  };
  return { writes, tails: utilization.tails };
};
