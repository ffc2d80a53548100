import type { LicenseRow } from '@lic/read-models';
import type { SeatsView } from '../seats/seats.view';

/** A license in a list: what it is, its live status and its live seats. */
export const licenseSummary = (row: LicenseRow, seats: SeatsView) => ({
  licenseId: row.licenseId,
  productId: row.productId,
  variantId: row.variantId,
  licenseType: row.licenseType,
  licensee: row.licensee,
  trial: row.trial,
  status: seats.status,
  issuedAt: row.issuedAt,
  expiresAt: row.expiresAt,
  seats: seats.seats,
});

/** One license in full: the summary, its policy and standing, and who holds its seats. */
export const licenseDetail = (row: LicenseRow, seats: SeatsView) => ({
  ...licenseSummary(row, seats),
  recordedStatus: row.status,
  statusReason: row.statusReason,
  expiredAt: row.expiredAt,
  reservedAccounts: JSON.parse(row.reservedAccounts) as string[],
  policy: JSON.parse(row.policy) as unknown,
  updatedAt: row.updatedAt,
  updatedPosition: row.updatedPosition.toString(10),
  holders: seats.holders,
});
