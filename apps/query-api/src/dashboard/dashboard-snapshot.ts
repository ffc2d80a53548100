import { In, type DataSource } from 'typeorm';
import { AuditEntryRow } from '@lic/read-models';
import { LicenseReader } from '../licenses/license-reader';
import { liveSeats } from '../seats/live-seats';

export const REFUSAL_TYPES = [
  'ActivationRefused.v1',
  'CheckoutRefused.v1',
  'SessionRefused.v1',
  'ValidationRefused.v1',
  'RefusalsTallied.v1',
];

const MAX_LICENSES = 200;

/** What the dashboard shows: live occupancy per license and the latest refusals. */
export const dashboardSnapshot = async (
  db: DataSource,
  reader: LicenseReader,
  nowIso: string,
  position: string | null,
) => {
  const licenses = await reader.list({ limit: MAX_LICENSES }, nowIso);
  const holders = await reader.activeHolders(
    licenses.map((l) => l.licenseId),
    nowIso,
  );
  const refusals = await db.getRepository(AuditEntryRow).find({
    where: { type: In(REFUSAL_TYPES) },
    order: { position: 'DESC' },
    take: 20,
  });
  return {
    position,
    at: nowIso,
    licenses: licenses.map((row) => {
      const active = holders.get(row.licenseId) ?? { activations: [], leases: [], sessions: [] };
      const view = liveSeats(row, active, nowIso, position);
      return {
        licenseId: row.licenseId,
        productId: row.productId,
        licenseType: row.licenseType,
        status: view.status,
        seats: view.seats,
      };
    }),
    refusals: refusals.map((r) => {
      const data = JSON.parse(r.payload) as { reason?: unknown; count?: unknown };
      return {
        position: r.position.toString(10),
        occurredAt: r.occurredAt,
        licenseId: r.licenseId,
        type: r.type,
        reason: typeof data.reason === 'string' ? data.reason : null,
        count: typeof data.count === 'number' ? data.count : 1,
      };
    }),
  };
};
