import type { DataSource } from 'typeorm';
import { RefusalRow } from '@lic/read-models';
import { LicenseReader } from '../licenses/license-reader';
import { licenseSummary } from '../licenses/license.view';
import { expiringReport } from '../reports/expiring-report';
import { liveSeats } from '../seats/live-seats';
import { fleetTotals } from './fleet-totals';

const MAX_LICENSES = 1000;
const NO_HOLDERS = { activations: [], leases: [], sessions: [] };

/** A recorded refusal with who was refused, for the dashboard's list. */
export const refusalView = (r: RefusalRow) => ({
  position: r.position.toString(10),
  occurred_at: r.occurredAt,
  license_id: r.licenseId,
  product_id: r.productId,
  kind: r.kind,
  reason: r.reason,
  client:
    r.fingerprint !== null
      ? { type: 'machine' as const, id: r.fingerprint }
      : r.username !== null
        ? { type: r.sessionKind === 'service' ? 'service-account' : 'user', id: r.username }
        : null,
  count: r.count,
});

/**
 * What the dashboard shows: every license (up to 1000) with its live seats, fleet totals by
 * product and seat kind, the latest refusals with who was refused, and what expires soon.
 */
export const dashboardSnapshot = async (
  db: DataSource,
  reader: LicenseReader,
  nowIso: string,
  position: string | null,
) => {
  const rows = await reader.list({ limit: MAX_LICENSES + 1 }, nowIso);
  const page = rows.slice(0, MAX_LICENSES);
  const [holders, names, refusals, expiring] = await Promise.all([
    reader.activeHolders(
      page.map((l) => l.licenseId),
      nowIso,
    ),
    reader.productNames(page.map((l) => l.productId)),
    db.getRepository(RefusalRow).find({ order: { position: 'DESC' }, take: 25 }),
    expiringReport(db, nowIso, 30),
  ]);
  const licenses = page.map((row) =>
    licenseSummary(
      row,
      liveSeats(row, holders.get(row.licenseId) ?? NO_HOLDERS, nowIso, position),
      names.get(row.productId) ?? null,
    ),
  );
  return {
    position,
    at: nowIso,
    truncated: rows.length > MAX_LICENSES,
    licenses,
    totals: fleetTotals(licenses),
    refusals: refusals.map(refusalView),
    expiring: expiring.items,
  };
};
