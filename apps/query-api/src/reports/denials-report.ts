import type { DataSource } from 'typeorm';
import { toIso } from '@lic/domain';
import { RefusalRow } from '@lic/read-models';
import type { CsvValue } from '../csv/csv';
import type { HourRange } from './time-range';

export interface DenialsFilter {
  readonly licenseId?: string;
  readonly productId?: string;
}

interface Raw {
  license_id: string;
  product_id: string;
  kind: string;
  reason: string;
  fingerprint: string | null;
  username: string | null;
  session_kind: string | null;
  count: string | number;
  events: string | number;
  first_at: string;
  last_at: string;
}

/**
 * U2 by who: refusals grouped by license, kind, reason and the client refused — a machine
 * fingerprint, or a user or service account — most refused first. Tallied refusals (counted,
 * not recorded one by one: O5) have no client; they form their own rows.
 */
export const denialsReport = async (db: DataSource, range: HourRange, filter: DenialsFilter) => {
  const q = db
    .getRepository(RefusalRow)
    .createQueryBuilder('r')
    .select('r.license_id', 'license_id')
    .addSelect('r.product_id', 'product_id')
    .addSelect('r.kind', 'kind')
    .addSelect('r.reason', 'reason')
    .addSelect('r.fingerprint', 'fingerprint')
    .addSelect('r.username', 'username')
    .addSelect('r.session_kind', 'session_kind')
    .addSelect('SUM(r.count)', 'count')
    .addSelect('COUNT(*)', 'events')
    .addSelect('MIN(r.occurred_at)', 'first_at')
    .addSelect('MAX(r.occurred_at)', 'last_at')
    .where('r.occurred_at >= :from AND r.occurred_at < :to', {
      from: toIso(range.from),
      to: toIso(range.to),
    })
    .groupBy('r.license_id')
    .addGroupBy('r.product_id')
    .addGroupBy('r.kind')
    .addGroupBy('r.reason')
    .addGroupBy('r.fingerprint')
    .addGroupBy('r.username')
    .addGroupBy('r.session_kind');
  if (filter.licenseId !== undefined) q.andWhere('r.license_id = :l', { l: filter.licenseId });
  if (filter.productId !== undefined) q.andWhere('r.product_id = :p', { p: filter.productId });
  const raw: Raw[] = await q.getRawMany();
  const items = raw
    .map((r) => ({
      license_id: r.license_id,
      product_id: r.product_id,
      kind: r.kind,
      reason: r.reason,
      client: clientOf(r),
      count: Number(r.count),
      first_at: r.first_at,
      last_at: r.last_at,
    }))
    .sort(
      (a, b) =>
        b.count - a.count ||
        (a.last_at < b.last_at ? 1 : a.last_at > b.last_at ? -1 : 0) ||
        a.license_id.localeCompare(b.license_id),
    );
  return {
    from: toIso(range.from),
    to: toIso(range.to),
    total: items.reduce((sum, i) => sum + i.count, 0),
    items,
  };
};

/** Who was refused: a machine, a user or service account, or nobody in particular (a tally). */
const clientOf = (r: Raw) =>
  r.fingerprint !== null
    ? { type: 'machine' as const, id: r.fingerprint }
    : r.username !== null
      ? {
          type: r.session_kind === 'service' ? ('service-account' as const) : ('user' as const),
          id: r.username,
        }
      : null;

export const DENIALS_CSV_COLUMNS = [
  'license_id',
  'product_id',
  'kind',
  'reason',
  'client_type',
  'client_id',
  'count',
  'first_at',
  'last_at',
];

export const denialsCsvRows = (report: Awaited<ReturnType<typeof denialsReport>>): CsvValue[][] =>
  report.items.map((i) => [
    i.license_id,
    i.product_id,
    i.kind,
    i.reason,
    i.client?.type ?? 'tallied',
    i.client?.id ?? null,
    i.count,
    i.first_at,
    i.last_at,
  ]);
