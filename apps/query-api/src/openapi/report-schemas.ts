import { instant, int, list, nint, nstr, num, obj, ref, str } from './schema-kit';

/** JSON schemas of the reports (U1, U2, O7). */
const kinds = { type: 'string', enum: ['machine', 'lease', 'session'] };

export const readSchemas = (): Record<string, unknown> => ({
  UtilizationSeries: obj({
    holder_kind: kinds,
    cap: { ...nint, description: 'seats allowed; null = unlimited' },
    peak: int,
    average: { ...num, description: 'time-weighted average of concurrent seats' },
    buckets: list(obj({ start: instant, peak: int, average: num, seat_ms: int })),
  }),
  UtilizationReport: obj({
    license_id: str,
    from: instant,
    to: instant,
    bucket_ms: int,
    series: list(ref('UtilizationSeries')),
  }),
  FleetReport: obj({
    from: instant,
    to: instant,
    bucket_ms: int,
    fleet: obj({ licenses: int, series: list(ref('UtilizationSeries')) }),
    products: list(
      obj({
        product_id: str,
        product_name: str,
        licenses: int,
        series: list(ref('UtilizationSeries')),
      }),
    ),
  }),
  RefusalReport: obj({
    from: instant,
    to: instant,
    total: int,
    by_reason: list(obj({ reason: str, count: int })),
    by_kind: list(obj({ kind: str, count: int })),
    by_license: list(
      obj({ license_id: str, total: int, by_reason: list(obj({ reason: str, count: int })) }),
    ),
    groups: list(obj({ license_id: str, kind: str, reason: str, count: int })),
  }),
  DenialsReport: obj({
    from: instant,
    to: instant,
    total: int,
    items: list(
      obj({
        license_id: str,
        product_id: str,
        kind: str,
        reason: str,
        client: {
          ...obj(
            { type: { type: 'string', enum: ['machine', 'user', 'service-account'] }, id: str },
            true,
          ),
          description: 'null: refusals tallied, not recorded one by one (O5)',
        },
        count: int,
        first_at: instant,
        last_at: instant,
      }),
    ),
  }),
  ExpiringReport: obj({
    at: instant,
    until: instant,
    within_days: int,
    items: list(
      obj({
        license_id: str,
        licensee: nstr,
        product_id: str,
        product_name: nstr,
        variant_id: str,
        license_type: { type: 'string', enum: ['per-machine', 'floating', 'site'] },
        trial: { type: 'boolean' },
        status: { type: 'string', enum: ['active', 'degraded', 'suspended'] },
        expires_at: instant,
        days_left: int,
      }),
    ),
  }),
});
