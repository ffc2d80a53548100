import type { DataSource } from 'typeorm';
import { DAY, fromIso, holdsSeats, toIso } from '@lic/domain';
import { LicenseRow, ProductRow } from '@lic/read-models';
import type { CsvValue } from '../csv/csv';
import { liveStatus } from '../seats/live-status';

/**
 * O7, ahead of time: licenses whose expiry deadline falls within the next `days` days, soonest
 * first — the renewals to chase. Revoked licenses are left out (there is nothing to renew), and
 * so are those already expired (their deadline has passed).
 */
export const expiringReport = async (
  db: DataSource,
  nowIso: string,
  days: number,
  productId?: string,
) => {
  const until = toIso(fromIso(nowIso) + days * DAY);
  const q = db
    .getRepository(LicenseRow)
    .createQueryBuilder('l')
    .where('l.expires_at IS NOT NULL')
    .andWhere('l.expires_at > :now', { now: nowIso })
    .andWhere('l.expires_at <= :until', { until })
    .orderBy('l.expires_at', 'ASC')
    .addOrderBy('l.license_id', 'ASC');
  if (productId !== undefined) q.andWhere('l.product_id = :productId', { productId });
  const rows = (await q.getMany()).filter((l) => holdsSeats(liveStatus(l, nowIso)));
  const names = new Map(
    (await db.getRepository(ProductRow).find()).map((p) => [p.productId, p.name]),
  );
  return {
    at: nowIso,
    until,
    within_days: days,
    items: rows.map((l) => ({
      license_id: l.licenseId,
      licensee: l.licensee,
      product_id: l.productId,
      product_name: names.get(l.productId) ?? null,
      variant_id: l.variantId,
      license_type: l.licenseType,
      trial: l.trial,
      status: liveStatus(l, nowIso),
      expires_at: l.expiresAt as string,
      days_left: Math.floor((fromIso(l.expiresAt as string) - fromIso(nowIso)) / DAY),
    })),
  };
};

export const EXPIRING_CSV_COLUMNS = [
  'license_id',
  'licensee',
  'product_id',
  'product_name',
  'variant_id',
  'license_type',
  'trial',
  'status',
  'expires_at',
  'days_left',
];

export const expiringCsvRows = (report: Awaited<ReturnType<typeof expiringReport>>): CsvValue[][] =>
  report.items.map((i) => [
    i.license_id,
    i.licensee,
    i.product_id,
    i.product_name,
    i.variant_id,
    i.license_type,
    i.trial,
    i.status,
    i.expires_at,
    i.days_left,
  ]);
