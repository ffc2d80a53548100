import type { EntityManager } from 'typeorm';
import { toIso } from '@lic/domain';
import { dialectOf } from '../../schema/read-db';
import { UtilizationBucketRow, type HolderKind } from '../../schema/entities';
import { hydrate } from '../sql/hydrate';
import { Params, chunks } from '../sql/placeholders';

export interface UtilizationKey {
  readonly licenseId: string;
  readonly holderKind: HolderKind;
  /** Epoch ms of the earliest hour a step of this batch falls in. */
  readonly fromBucket: number;
}

export interface LoadedUtilization {
  /** Level just before `fromBucket`: the level_at_end of the last stored row before it. */
  readonly base: number;
  /** Every stored row from `fromBucket` on. */
  readonly editable: UtilizationBucketRow[];
}

export const utilizationKey = (licenseId: string, holderKind: string): string =>
  `${licenseId}\u0000${holderKind}`;

/**
 * For each key, the rows from its earliest touched hour on plus the one row before it, in one
 * query per 200 keys.
 */
export const loadUtilization = async (
  manager: EntityManager,
  keys: readonly UtilizationKey[],
): Promise<Map<string, LoadedUtilization>> => {
  const out = new Map<string, LoadedUtilization>();
  const dialect = dialectOf(manager.connection);
  for (const group of chunks(keys, 200)) {
    const params = new Params(dialect);
    const terms = group.map((k) => {
      const from = toIso(k.fromBucket);
      const id = params.add(k.licenseId);
      const kind = params.add(k.holderKind);
      const before = `(SELECT MAX(p.bucket_start) FROM utilization_buckets p
        WHERE p.license_id = ${params.add(k.licenseId)} AND p.holder_kind = ${params.add(k.holderKind)}
          AND p.bucket_start < ${params.add(from)})`;
      return `(u.license_id = ${id} AND u.holder_kind = ${kind}
        AND u.bucket_start >= COALESCE(${before}, ${params.add(from)}))`;
    });
    const raw: Record<string, unknown>[] = await manager.query(
      `SELECT u.* FROM utilization_buckets u WHERE ${terms.join(' OR ')}`,
      params.values,
    );
    const rows = raw.map((r) => hydrate(manager, UtilizationBucketRow, r));
    for (const k of group) {
      const from = toIso(k.fromBucket);
      const mine = rows
        .filter((r) => r.licenseId === k.licenseId && r.holderKind === k.holderKind)
        .sort((a, b) => (a.bucketStart < b.bucketStart ? -1 : 1));
      const before = mine.filter((r) => r.bucketStart < from);
      out.set(utilizationKey(k.licenseId, k.holderKind), {
        base:
          before.length === 0 ? 0 : (before[before.length - 1] as UtilizationBucketRow).levelAtEnd,
        editable: mine.filter((r) => r.bucketStart >= from),
      });
    }
  }
  return out;
};
