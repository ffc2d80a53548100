import {
  UtilizationBucketRow,
  UtilizationStepRow,
  openReadDb,
  type HolderKind,
} from '@lic/read-models';
import { combineHours } from '../../apps/query-api/src/reports/combine-hours';
import { loadMembers } from '../../apps/query-api/src/reports/utilization-reader';
import { HOUR, MINUTE, T0, iso } from './support/harness';
import { describeOnReadDbs, scratchReadDb } from './support/read-dbs';

/** Past PostgreSQL's integer (2^31 − 1); an hour of it still a safe number of seat-ms. */
const BIG = 2_200_000_000;
const row = (
  licenseId: string,
  holderKind: HolderKind,
  h: number,
  levelAtStart: number,
  levelAtEnd: number,
): UtilizationBucketRow => ({
  licenseId,
  holderKind,
  bucketStart: iso(T0 + h * HOUR),
  levelAtStart,
  levelAtEnd,
  peak: Math.max(levelAtStart, levelAtEnd),
  seatMs: 0,
});
const step = (
  licenseId: string,
  holderKind: HolderKind,
  h: number,
  offsetMs: number,
  delta: number,
): UtilizationStepRow => ({
  licenseId,
  holderKind,
  bucketStart: iso(T0 + h * HOUR),
  offsetMs,
  delta,
});

/** The query API's read of U1: bucket rows and their steps, as the projector stores them. */
describeOnReadDbs('utilization reader', (kind) => {
  it('U1: each license gets its hours in the range with their steps in offset order, and the level before it', async () => {
    const scratch = await scratchReadDb(kind);
    const db = await openReadDb(scratch.url);
    try {
      // The range is 10:00-12:00. lic-a: 2 seats from 09:00; at 10:00 one fewer, at 10:30 BIG
      // more (its steps stored out of order); its machine seats and 12:00 are not asked for.
      // lic-b: one seat 11:15-11:45.
      await db
        .getRepository(UtilizationBucketRow)
        .insert([
          row('lic-a', 'lease', 0, 0, 2),
          row('lic-a', 'lease', 1, 2, BIG + 1),
          row('lic-a', 'machine', 1, 0, 1),
          row('lic-a', 'lease', 3, BIG + 1, 0),
          row('lic-b', 'lease', 2, 0, 0),
        ]);
      await db
        .getRepository(UtilizationStepRow)
        .insert([
          step('lic-a', 'lease', 0, 0, 2),
          step('lic-a', 'lease', 1, 30 * MINUTE, BIG),
          step('lic-a', 'lease', 1, 0, -1),
          step('lic-a', 'machine', 1, 0, 1),
          step('lic-a', 'lease', 3, 0, -BIG - 1),
          step('lic-b', 'lease', 2, 45 * MINUTE, -1),
          step('lic-b', 'lease', 2, 15 * MINUTE, 1),
        ]);
      // More licenses than one IN list holds (500): lic-b is read in the second chunk.
      const others = Array.from({ length: 600 }, (_, i) => `lic-none-${i}`);
      const range = { from: T0 + HOUR, to: T0 + 3 * HOUR };
      const members = await loadMembers(db, ['lic-a', ...others, 'lic-b'], 'lease', range);
      expect(members).toHaveLength(602);
      expect(members[0]).toEqual({
        levelBefore: 2,
        rows: [row('lic-a', 'lease', 1, 2, BIG + 1)],
        steps: new Map([
          [
            iso(T0 + HOUR),
            [
              [0, -1],
              [30 * MINUTE, BIG],
            ],
          ],
        ]),
      });
      expect(members[1]).toEqual({ levelBefore: 0, rows: [], steps: new Map() });
      expect(members[601]).toEqual({
        levelBefore: 0,
        rows: [row('lic-b', 'lease', 2, 0, 0)],
        steps: new Map([
          [
            iso(T0 + 2 * HOUR),
            [
              [15 * MINUTE, 1],
              [45 * MINUTE, -1],
            ],
          ],
        ]),
      });
      // Together: 1 seat 10:00-10:30, then BIG + 1; lic-b's seat on top of that 11:15-11:45.
      expect(combineHours(range, members)).toEqual([
        {
          start: iso(T0 + HOUR),
          peak: BIG + 1,
          average: (1 + BIG + 1) / 2,
          seat_ms: 30 * MINUTE + (BIG + 1) * 30 * MINUTE,
        },
        {
          start: iso(T0 + 2 * HOUR),
          peak: BIG + 2,
          average: BIG + 1.5,
          seat_ms: (BIG + 1) * HOUR + 30 * MINUTE,
        },
      ]);
    } finally {
      await db.destroy();
      await scratch.drop();
    }
  });
});
