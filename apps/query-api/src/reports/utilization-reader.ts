import type { DataSource } from 'typeorm';
import { toIso } from '@lic/domain';
import { UtilizationBucketRow, UtilizationStepRow, type HolderKind } from '@lic/read-models';
import type { HourStep, Member } from './combine-hours';
import type { HourRange } from './time-range';

const keyOf = (licenseId: string, kind: string) => `${licenseId}\u0000${kind}`;

/**
 * The stored hours of many licenses' step functions over a range, with their steps, and the
 * level each was at when the range began (the last row before it), as members for combineHours.
 * For one license the steps are not read: its rows' own figures are its hours' (combineHours).
 */
export const loadMembers = async (
  db: DataSource,
  licenseIds: readonly string[],
  kind: HolderKind,
  range: HourRange,
): Promise<Member[]> => {
  const out: Member[] = [];
  for (let i = 0; i < licenseIds.length; i += IN_LIST) {
    const chunk = licenseIds.slice(i, i + IN_LIST);
    out.push(...(await loadChunk(db, chunk, kind, range, licenseIds.length > 1)));
  }
  return out;
};

const IN_LIST = 500;

const loadChunk = async (
  db: DataSource,
  licenseIds: readonly string[],
  kind: HolderKind,
  range: HourRange,
  withSteps: boolean,
): Promise<Member[]> => {
  const from = toIso(range.from);
  const to = toIso(range.to);
  const ids = [...licenseIds];
  const before: { license_id: string; level_at_end: number | string }[] = await db
    .createQueryBuilder()
    .select('u.license_id', 'license_id')
    .addSelect('u.level_at_end', 'level_at_end')
    .from(UtilizationBucketRow, 'u')
    .innerJoin(
      (sub) =>
        sub
          .select('m.license_id', 'license_id')
          .addSelect('MAX(m.bucket_start)', 'b')
          .from(UtilizationBucketRow, 'm')
          .where('m.holder_kind = :kind AND m.bucket_start < :from', { kind, from })
          .andWhere('m.license_id IN (:...ids)', { ids })
          .groupBy('m.license_id'),
      'last',
      'last.license_id = u.license_id AND last.b = u.bucket_start',
    )
    .where('u.holder_kind = :kind', { kind })
    .getRawMany();
  const rows = await db
    .getRepository(UtilizationBucketRow)
    .createQueryBuilder('u')
    .where('u.holder_kind = :kind AND u.license_id IN (:...ids)', { kind, ids })
    .andWhere('u.bucket_start >= :from AND u.bucket_start < :to', { from, to })
    .orderBy('u.bucket_start', 'ASC')
    .getMany();
  const steps = withSteps ? await loadSteps(db, ids, kind, from, to) : new Map<string, never>();
  const levels = new Map(before.map((b) => [keyOf(b.license_id, kind), Number(b.level_at_end)]));
  const grouped = new Map<string, UtilizationBucketRow[]>();
  for (const r of rows) {
    const list = grouped.get(r.licenseId) ?? [];
    list.push(r);
    grouped.set(r.licenseId, list);
  }
  return ids.map((id) => ({
    levelBefore: levels.get(keyOf(id, kind)) ?? 0,
    rows: grouped.get(id) ?? [],
    steps: steps.get(id) ?? new Map<string, HourStep[]>(),
  }));
};

/**
 * The steps of the licenses' hours in [from, to), by license, then by hour, each hour's in
 * offset order. Raw rows, not entities (a busy hour holds tens of thousands): PostgreSQL
 * returns the bigint delta as a string, hence Number().
 */
const loadSteps = async (
  db: DataSource,
  ids: readonly string[],
  kind: HolderKind,
  from: string,
  to: string,
): Promise<Map<string, Map<string, HourStep[]>>> => {
  const raw: {
    license_id: string;
    bucket_start: string;
    offset_ms: number | string;
    delta: number | string;
  }[] = await db
    .createQueryBuilder()
    .select('s.license_id', 'license_id')
    .addSelect('s.bucket_start', 'bucket_start')
    .addSelect('s.offset_ms', 'offset_ms')
    .addSelect('s.delta', 'delta')
    .from(UtilizationStepRow, 's')
    .where('s.holder_kind = :kind AND s.license_id IN (:...ids)', { kind, ids: [...ids] })
    .andWhere('s.bucket_start >= :from AND s.bucket_start < :to', { from, to })
    .orderBy('s.bucket_start', 'ASC')
    .addOrderBy('s.offset_ms', 'ASC')
    .getRawMany();
  const byLicense = new Map<string, Map<string, HourStep[]>>();
  for (const s of raw) {
    const hours = byLicense.get(s.license_id) ?? new Map<string, HourStep[]>();
    byLicense.set(s.license_id, hours);
    const hour = hours.get(s.bucket_start) ?? [];
    hours.set(s.bucket_start, hour);
    hour.push([Number(s.offset_ms), Number(s.delta)]);
  }
  return byLicense;
};
