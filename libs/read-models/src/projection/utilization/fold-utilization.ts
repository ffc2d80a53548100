import type { EntityManager } from 'typeorm';
import { toIso } from '@lic/domain';
import type { HolderKind, UtilizationBucketRow, UtilizationStepRow } from '../../schema/entities';
import type { ProjectionCache } from '../projection-cache';
import type { WorkingSet } from '../working-set';
import { bucketStartOf } from './buckets';
import type { HourSteps } from './hour-steps';
import { rebucket, type Rebucketed, type Step } from './step-function';
import { loadSteps, type StepsWanted } from './steps.loader';
import { sliceTail, type UtilizationTail } from './utilization-tail';
import { loadUtilization, utilizationKey, type UtilizationKey } from './utilization.loader';

export interface UtilizationChanges {
  readonly put: UtilizationBucketRow[];
  readonly remove: UtilizationBucketRow[];
  readonly putSteps: UtilizationStepRow[];
  readonly removeSteps: UtilizationStepRow[];
  /** Per key the batch touched: every row from its earliest touched hour on, as written. */
  readonly tails: Map<string, UtilizationTail>;
}

interface Stored {
  readonly base: number;
  readonly editable: UtilizationBucketRow[];
  readonly steps: Map<string, HourSteps>;
}

/** The batch's steps by license and holder kind, with the earliest hour each touches. */
const stepsByKey = (ws: WorkingSet) => {
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
  return byKey;
};

/** The stored hours a key's steps fall in whose steps are not in hand. */
const stepsMissing = (key: UtilizationKey, steps: readonly Step[], stored: Stored) => {
  const rows = new Set(stored.editable.map((r) => r.bucketStart));
  const wanted = new Map<string, StepsWanted>();
  for (const { at } of steps) {
    const bucketStart = toIso(bucketStartOf(at));
    if (rows.has(bucketStart) && !stored.steps.has(bucketStart)) {
      wanted.set(bucketStart, {
        licenseId: key.licenseId,
        holderKind: key.holderKind,
        bucketStart,
      });
    }
  }
  return [...wanted.values()];
};

/**
 * Folds the batch's seat steps into the stored hourly buckets and their steps (U1): from the
 * cache where it holds them, else read (rows from the earliest touched hour on, and the steps
 * of the stored hours touched). `beforeRead` runs before the database is read, if it is.
 */
export const utilizationOf = async (
  manager: EntityManager,
  ws: WorkingSet,
  cache?: ProjectionCache,
  beforeRead?: () => Promise<void>,
): Promise<UtilizationChanges> => {
  const byKey = stepsByKey(ws);
  const changes: UtilizationChanges = {
    put: [],
    remove: [],
    putSteps: [],
    removeSteps: [],
    tails: new Map(),
  };
  if (byKey.size === 0) return changes;
  const stored = new Map<string, Stored>();
  const missing: UtilizationKey[] = [];
  for (const [id, { key }] of byKey) {
    const tail = cache?.tail(id);
    if (tail !== undefined && tail.from <= key.fromBucket) {
      const slice = sliceTail(tail, key.fromBucket);
      stored.set(id, { ...slice, steps: new Map(slice.steps) });
    } else missing.push(key);
  }
  let read = false;
  const reading = async () => {
    if (!read) await beforeRead?.();
    read = true;
  };
  if (missing.length > 0) await reading();
  for (const [id, loaded] of await loadUtilization(manager, missing)) {
    stored.set(id, { ...loaded, steps: new Map() });
  }
  const wanted = [...byKey.values()].flatMap(({ key, steps }) =>
    stepsMissing(key, steps, storedOf(stored, key)),
  );
  if (wanted.length > 0) await reading();
  for (const [id, hours] of await loadSteps(manager, wanted)) {
    const known = stored.get(id)?.steps;
    for (const [start, steps] of hours) known?.set(start, steps);
  }
  for (const [id, { key, steps }] of byKey) {
    const { base, editable, steps: known } = storedOf(stored, key);
    const kind: HolderKind = key.holderKind;
    const result = rebucket(key.licenseId, kind, base, editable, known, steps);
    changes.put.push(...result.put);
    changes.remove.push(...result.remove);
    changes.putSteps.push(...result.putSteps);
    changes.removeSteps.push(...result.removeSteps);
    changes.tails.set(id, {
      from: key.fromBucket,
      base,
      rows: tailAfter(editable, result),
      steps: result.hours, // the cache keeps the other hours' steps it holds
    });
  }
  return changes;
};

const storedOf = (stored: ReadonlyMap<string, Stored>, key: UtilizationKey): Stored =>
  stored.get(utilizationKey(key.licenseId, key.holderKind)) ?? {
    base: 0,
    editable: [],
    steps: new Map(),
  };

/** The rows from the earliest touched hour on once the batch's changes are written. */
const tailAfter = (editable: readonly UtilizationBucketRow[], result: Rebucketed) => {
  const rows = new Map(editable.map((r) => [r.bucketStart, r]));
  for (const r of result.remove) rows.delete(r.bucketStart);
  for (const r of result.put) rows.set(r.bucketStart, r);
  return [...rows.values()].sort((a, b) => (a.bucketStart < b.bucketStart ? -1 : 1));
};
