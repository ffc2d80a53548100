import type { EntityManager } from 'typeorm';
import type { HolderKind, SeatOccupancyRow, UtilizationBucketRow } from '../schema/entities';
import { seatOccupancy } from './projections/occupancy.projection';
import { bucketStartOf } from './utilization/buckets';
import { rebucket, type Step } from './utilization/step-function';
import { sliceTail, type UtilizationTail } from './utilization/utilization-tail';
import type { ProjectionCache } from './projection-cache';
import {
  loadUtilization,
  utilizationKey,
  type UtilizationKey,
} from './utilization/utilization.loader';
import type { WorkingSet } from './working-set';

/** Occupancy of every license the batch touched, from its active holders. */
export const occupancyOf = (ws: WorkingSet): SeatOccupancyRow[] => {
  const machine = ws.activations.activeCounts();
  const lease = ws.leases.activeCounts();
  const session = ws.sessions.activeCounts();
  return [...ws.touchedLicenses].flatMap((id) => {
    const license = ws.license(id);
    if (!license) return [];
    return seatOccupancy(license, {
      machine: machine.get(id) ?? 0,
      lease: lease.get(id) ?? 0,
      session: session.get(id) ?? 0,
    });
  });
};

export interface UtilizationChanges {
  readonly put: UtilizationBucketRow[];
  readonly remove: UtilizationBucketRow[];
  /** Per key the batch touched: every row from its earliest touched hour on, as written. */
  readonly tails: Map<string, UtilizationTail>;
}

/**
 * Folds the batch's seat steps into the stored hourly buckets (U1). `beforeRead` runs before
 * the database is read, if it is.
 */
export const utilizationOf = async (
  manager: EntityManager,
  ws: WorkingSet,
  cache?: ProjectionCache,
  beforeRead?: () => Promise<void>,
): Promise<UtilizationChanges> => {
  const byKey = new Map<string, { key: UtilizationKey; steps: Step[] }>();
  for (const s of ws.steps) {
    const id = utilizationKey(s.licenseId, s.holderKind);
    const entry = byKey.get(id);
    const fromBucket = bucketStartOf(s.at);
    if (entry === undefined) {
      byKey.set(id, {
        key: { licenseId: s.licenseId, holderKind: s.holderKind, fromBucket },
        steps: [{ at: s.at, delta: s.delta }],
      });
    } else {
      entry.steps.push({ at: s.at, delta: s.delta });
      if (fromBucket < entry.key.fromBucket) entry.key = { ...entry.key, fromBucket };
    }
  }
  const tails = new Map<string, UtilizationTail>();
  if (byKey.size === 0) return { put: [], remove: [], tails };
  const stored = new Map<string, { base: number; editable: UtilizationBucketRow[] }>();
  const missing: UtilizationKey[] = [];
  for (const [id, { key }] of byKey) {
    const tail = cache?.tail(id);
    if (tail !== undefined && tail.from <= key.fromBucket) {
      stored.set(id, sliceTail(tail, key.fromBucket));
    } else missing.push(key);
  }
  if (missing.length > 0) await beforeRead?.();
  for (const [id, loaded] of await loadUtilization(manager, missing)) stored.set(id, loaded);
  const put: UtilizationBucketRow[] = [];
  const remove: UtilizationBucketRow[] = [];
  for (const [id, { key, steps }] of byKey) {
    const { base, editable } = stored.get(id) ?? { base: 0, editable: [] };
    const kind: HolderKind = key.holderKind;
    const result = rebucket(key.licenseId, kind, base, editable, steps);
    put.push(...result.put);
    remove.push(...result.remove);
    tails.set(id, { from: key.fromBucket, base, rows: tailAfter(editable, result) });
  }
  return { put, remove, tails };
};

/** The rows from the earliest touched hour on once the batch's changes are written. */
const tailAfter = (
  editable: readonly UtilizationBucketRow[],
  result: { put: readonly UtilizationBucketRow[]; remove: readonly UtilizationBucketRow[] },
): UtilizationBucketRow[] => {
  const rows = new Map(editable.map((r) => [r.bucketStart, r]));
  for (const r of result.remove) rows.delete(r.bucketStart);
  for (const r of result.put) rows.set(r.bucketStart, r);
  return [...rows.values()].sort((a, b) => (a.bucketStart < b.bucketStart ? -1 : 1));
};
