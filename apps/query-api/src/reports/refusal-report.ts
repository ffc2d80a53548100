import type { DataSource } from 'typeorm';
import { toIso } from '@lic/domain';
import { RefusalCountRow } from '@lic/read-models';
import type { HourRange } from './time-range';

interface Group {
  readonly licenseId: string;
  readonly kind: string;
  readonly reason: string;
  readonly count: number;
}

const totals = (groups: readonly Group[], by: (g: Group) => string) => {
  const sums = new Map<string, number>();
  for (const g of groups) sums.set(by(g), (sums.get(by(g)) ?? 0) + g.count);
  return [...sums.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([key, count]) => ({ key, count }));
};

/**
 * U2: refusals in whole hours of the range, by reason, by kind and by license — the figure
 * that tells a customer whether to buy more seats.
 */
export const refusalReport = async (db: DataSource, range: HourRange, licenseId?: string) => {
  const q = db
    .getRepository(RefusalCountRow)
    .createQueryBuilder('r')
    .select('r.license_id', 'licenseId')
    .addSelect('r.kind', 'kind')
    .addSelect('r.reason', 'reason')
    .addSelect('SUM(r.count)', 'count')
    .where('r.bucket_start >= :from AND r.bucket_start < :to', {
      from: toIso(range.from),
      to: toIso(range.to),
    })
    .groupBy('r.license_id')
    .addGroupBy('r.kind')
    .addGroupBy('r.reason');
  if (licenseId !== undefined) q.andWhere('r.license_id = :licenseId', { licenseId });
  const raw: { licenseId: string; kind: string; reason: string; count: string | number }[] =
    await q.getRawMany();
  const groups: Group[] = raw.map((r) => ({ ...r, count: Number(r.count) }));
  const licenses = totals(groups, (g) => g.licenseId);
  return {
    from: toIso(range.from),
    to: toIso(range.to),
    total: groups.reduce((sum, g) => sum + g.count, 0),
    by_reason: totals(groups, (g) => g.reason).map(({ key, count }) => ({ reason: key, count })),
    by_kind: totals(groups, (g) => g.kind).map(({ key, count }) => ({ kind: key, count })),
    by_license: licenses.map(({ key, count }) => ({
      license_id: key,
      total: count,
      by_reason: totals(
        groups.filter((g) => g.licenseId === key),
        (g) => g.reason,
      ).map((r) => ({ reason: r.key, count: r.count })),
    })),
    groups: groups.map((g) => ({
      license_id: g.licenseId,
      kind: g.kind,
      reason: g.reason,
      count: g.count,
    })),
  };
};

export const REFUSALS_CSV_COLUMNS = ['license_id', 'kind', 'reason', 'count'];

/** One row per license, kind and reason. */
export const refusalsCsvRows = (report: Awaited<ReturnType<typeof refusalReport>>) =>
  report.groups.map((g) => [g.license_id, g.kind, g.reason, g.count]);
