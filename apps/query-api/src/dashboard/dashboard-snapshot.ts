import type { DataSource } from 'typeorm';
import type { Moment } from '../consistency/read-moment';
import type { LicenseReader } from '../licenses/license-reader';
import { licenseSummary } from '../licenses/license.view';
import { liveLicenses } from '../licenses/live-licenses';
import type { RefusalReader } from '../refusals/refusal-reader';
import { refusalView } from '../refusals/refusal.view';
import { expiringReport } from '../reports/expiring-report';
import { fleetTotals } from './fleet-totals';

const MAX_LICENSES = 1000;

/**
 * What the dashboard shows: every license (up to 1000) with its live seats, fleet totals by
 * product and seat kind, the latest refusals with who was refused, and what expires soon.
 */
export const dashboardSnapshot = async (
  readers: { db: DataSource; licenses: LicenseReader; refusals: RefusalReader },
  { now, position }: Moment,
) => {
  const rows = await readers.licenses.list({ limit: MAX_LICENSES + 1 }, now);
  const page = rows.slice(0, MAX_LICENSES);
  const [live, refusals, expiring] = await Promise.all([
    liveLicenses(readers.licenses, page, { now, position }),
    readers.refusals.latest(25),
    expiringReport(readers.db, now, 30),
  ]);
  const licenses = live.map(licenseSummary);
  return {
    position,
    at: now,
    truncated: rows.length > MAX_LICENSES,
    licenses,
    totals: fleetTotals(licenses),
    refusals: refusals.map(refusalView),
    expiring: expiring.items,
  };
};

export type DashboardSnapshot = Awaited<ReturnType<typeof dashboardSnapshot>>;
