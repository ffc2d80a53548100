import type { EntityManager } from 'typeorm';
import { dialectOf } from '../../schema/read-db';
import type { HolderKind } from '../../schema/entities';
import { Params, chunks } from '../sql/placeholders';
import { addStep, noSteps, type HourSteps } from './hour-steps';
import { utilizationKey } from './utilization.loader';

/** One stored hour whose steps a batch needs. */
export interface StepsWanted {
  readonly licenseId: string;
  readonly holderKind: HolderKind;
  readonly bucketStart: string;
}

/**
 * The stored steps of the hours asked for, by utilizationKey and bucket_start, in one query
 * per 200 hours (in offset order, so each step is appended). An hour asked for that holds no
 * step comes back empty.
 */
export const loadSteps = async (
  manager: EntityManager,
  wanted: readonly StepsWanted[],
): Promise<Map<string, Map<string, HourSteps>>> => {
  const out = new Map<string, Map<string, HourSteps>>();
  const hourOf = (licenseId: string, holderKind: string, bucketStart: string): HourSteps => {
    const key = utilizationKey(licenseId, holderKind);
    const hours = out.get(key) ?? new Map<string, HourSteps>();
    out.set(key, hours);
    const steps = hours.get(bucketStart) ?? noSteps();
    hours.set(bucketStart, steps);
    return steps;
  };
  const dialect = dialectOf(manager.connection);
  for (const group of chunks(wanted, 200)) {
    const params = new Params(dialect);
    const terms = group.map((w) => {
      hourOf(w.licenseId, w.holderKind, w.bucketStart);
      return `(license_id = ${params.add(w.licenseId)} AND holder_kind = ${params.add(w.holderKind)}
        AND bucket_start = ${params.add(w.bucketStart)})`;
    });
    const raw: Record<string, unknown>[] = await manager.query(
      `SELECT license_id, holder_kind, bucket_start, offset_ms, delta FROM utilization_steps
        WHERE ${terms.join(' OR ')} ORDER BY offset_ms`,
      params.values,
    );
    for (const r of raw) {
      const steps = hourOf(String(r.license_id), String(r.holder_kind), String(r.bucket_start));
      addStep(steps, Number(r.offset_ms), Number(r.delta));
    }
  }
  return out;
};
