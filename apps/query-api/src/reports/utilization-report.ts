import type { DataSource } from 'typeorm';
import { seatKinds, toIso } from '@lic/domain';
import { BUCKET_MS, type HolderKind, type LicenseRow } from '@lic/read-models';
import type { CsvValue } from '../csv/csv';
import { liveStatus } from '../seats/live-status';
import { combineHours, seriesTotals, type HourFigures } from './combine-hours';
import type { HourRange } from './time-range';
import { loadMembers } from './utilization-reader';

export interface UtilizationSeries {
  readonly holder_kind: HolderKind;
  /** Seats allowed (summed over the licenses in force); null = unlimited. */
  readonly cap: number | null;
  readonly peak: number;
  readonly average: number;
  readonly buckets: HourFigures[];
}

export const capOf = (license: LicenseRow, kind: HolderKind): number | null =>
  kind === 'machine'
    ? license.maxMachines
    : kind === 'lease'
      ? license.maxFloating
      : license.maxSessions;

/** The caps of several licenses added up; unlimited if any of them is. */
const totalCap = (licenses: readonly LicenseRow[], kind: HolderKind): number | null =>
  licenses.reduce<number | null>((sum, l) => {
    const cap = capOf(l, kind);
    return sum === null || cap === null ? null : sum + cap;
  }, 0);

const KINDS: readonly HolderKind[] = ['machine', 'lease', 'session'];

/**
 * U1 for a set of licenses (one license, a product, the fleet): per holder kind their seats
 * summed hour by hour, with the true peak and the time-weighted average. The cap counts the
 * licenses in force at `nowIso` (not revoked or expired); one license's is its own.
 */
export const utilizationSeries = async (
  db: DataSource,
  licenses: readonly LicenseRow[],
  range: HourRange,
  nowIso: string,
  only?: HolderKind,
): Promise<UtilizationSeries[]> => {
  const series: UtilizationSeries[] = [];
  for (const kind of KINDS) {
    if (only !== undefined && kind !== only) continue;
    const members = licenses.filter((l) => seatKinds(l).includes(kind));
    if (members.length === 0) continue;
    const inForce =
      members.length === 1
        ? members
        : members.filter((l) => !['revoked', 'expired'].includes(liveStatus(l, nowIso)));
    const ids = members.map((l) => l.licenseId);
    const buckets = combineHours(range, await loadMembers(db, ids, kind, range));
    series.push({
      holder_kind: kind,
      cap: totalCap(inForce, kind),
      ...seriesTotals(buckets, range),
      buckets,
    });
  }
  return series;
};

/** U1 for one license: its series over the range, with the range itself. */
export const utilizationReport = async (
  db: DataSource,
  license: LicenseRow,
  range: HourRange,
  nowIso: string,
  kind?: HolderKind,
) => ({
  license_id: license.licenseId,
  from: toIso(range.from),
  to: toIso(range.to),
  bucket_ms: BUCKET_MS,
  series: await utilizationSeries(db, [license], range, nowIso, kind),
});

/** CSV rows of series: `leading` cells, then holder kind, cap, hour, peak, average, seat-ms. */
export const seriesCsvRows = (
  leading: readonly CsvValue[],
  series: readonly UtilizationSeries[],
): CsvValue[][] =>
  series.flatMap((s) =>
    s.buckets.map((b) => [...leading, s.holder_kind, s.cap, b.start, b.peak, b.average, b.seat_ms]),
  );
