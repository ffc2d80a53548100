import type { DataSource } from 'typeorm';
import { toIso } from '@lic/domain';
import { BUCKET_MS, LicenseRow, ProductRow, type HolderKind } from '@lic/read-models';
import type { CsvValue } from '../csv/csv';
import type { HourRange } from './time-range';
import { seriesCsvRows, utilizationSeries } from './utilization-report';

/**
 * U1 for the fleet and per product: seats of every license (of one product, if asked) added up
 * per holder kind, hour by hour. Machines, leases and sessions stay separate series: they are
 * different seats and are never added together.
 */
export const fleetReport = async (
  db: DataSource,
  range: HourRange,
  nowIso: string,
  filter: { readonly productId?: string; readonly kind?: HolderKind },
) => {
  const [licenses, products] = await Promise.all([
    db
      .getRepository(LicenseRow)
      .find({ where: filter.productId === undefined ? {} : { productId: filter.productId } }),
    db.getRepository(ProductRow).find({ order: { productId: 'ASC' } }),
  ]);
  const perProduct = [];
  for (const p of products) {
    const own = licenses.filter((l) => l.productId === p.productId);
    if (own.length === 0) continue;
    perProduct.push({
      product_id: p.productId,
      product_name: p.name,
      licenses: own.length,
      series: await utilizationSeries(db, own, range, nowIso, filter.kind),
    });
  }
  return {
    from: toIso(range.from),
    to: toIso(range.to),
    bucket_ms: BUCKET_MS,
    fleet: {
      licenses: licenses.length,
      series: await utilizationSeries(db, licenses, range, nowIso, filter.kind),
    },
    products: perProduct,
  };
};

export const FLEET_CSV_COLUMNS = [
  'scope',
  'product_id',
  'product_name',
  'holder_kind',
  'cap',
  'bucket_start',
  'peak',
  'average',
  'seat_ms',
];

/** One row per scope (fleet, product), holder kind and hour. */
export const fleetCsvRows = (report: Awaited<ReturnType<typeof fleetReport>>): CsvValue[][] => [
  ...seriesCsvRows(['fleet', null, null], report.fleet.series),
  ...report.products.flatMap((p) =>
    seriesCsvRows(['product', p.product_id, p.product_name], p.series),
  ),
];
