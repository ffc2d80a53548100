import { LessThan, type DataSource } from 'typeorm';
import { toIso } from '@lic/domain';
import {
  BUCKET_MS,
  UtilizationBucketRow,
  enabledKinds,
  summarize,
  type HolderKind,
  type LicenseRow,
} from '@lic/read-models';
import type { HourRange } from './time-range';

const round = (x: number): number => Math.round(x * 1e6) / 1e6;

export interface UtilizationBucketView {
  readonly start: string;
  readonly peak: number;
  /** Time-weighted average of concurrent seats over the hour. */
  readonly average: number;
  readonly seatMs: number;
}

export interface UtilizationSeries {
  readonly holderKind: HolderKind;
  readonly cap: number | null;
  readonly peak: number;
  readonly average: number;
  readonly buckets: UtilizationBucketView[];
}

const capOf = (license: LicenseRow, kind: HolderKind): number | null =>
  kind === 'machine'
    ? license.maxMachines
    : kind === 'lease'
      ? license.maxFloating
      : license.maxSessions;

/**
 * U1: peak and time-weighted average concurrent seats per hour. Stored rows exist only for
 * hours in which seats changed; an hour between them holds the level the previous row ended
 * at, so it is filled in here with that level as its peak and average.
 */
export const utilizationReport = async (
  db: DataSource,
  license: LicenseRow,
  range: HourRange,
  only?: HolderKind,
): Promise<UtilizationSeries[]> => {
  const repo = db.getRepository(UtilizationBucketRow);
  const kinds = enabledKinds(license).filter((k) => only === undefined || k === only);
  const series: UtilizationSeries[] = [];
  for (const kind of kinds) {
    const where = { licenseId: license.licenseId, holderKind: kind };
    const before = await repo.findOne({
      where: { ...where, bucketStart: LessThan(toIso(range.from)) },
      order: { bucketStart: 'DESC' },
    });
    const rows = await repo
      .createQueryBuilder('u')
      .where('u.license_id = :id AND u.holder_kind = :kind', { id: license.licenseId, kind })
      .andWhere('u.bucket_start >= :from AND u.bucket_start < :to', {
        from: toIso(range.from),
        to: toIso(range.to),
      })
      .orderBy('u.bucket_start', 'ASC')
      .getMany();
    const stored = new Map(rows.map((r) => [r.bucketStart, r]));
    let level = before?.levelAtEnd ?? 0;
    const buckets: UtilizationBucketView[] = [];
    for (let start = range.from; start < range.to; start += BUCKET_MS) {
      const row = stored.get(toIso(start));
      const figures = row ?? { ...summarize(level, []), levelAtEnd: level };
      buckets.push({
        start: toIso(start),
        peak: figures.peak,
        average: round(figures.seatMs / BUCKET_MS),
        seatMs: figures.seatMs,
      });
      level = figures.levelAtEnd;
    }
    const seatMs = buckets.reduce((sum, b) => sum + b.seatMs, 0);
    series.push({
      holderKind: kind,
      cap: capOf(license, kind),
      peak: buckets.reduce((max, b) => Math.max(max, b.peak), 0),
      average: round(seatMs / (range.to - range.from)),
      buckets,
    });
  }
  return series;
};
