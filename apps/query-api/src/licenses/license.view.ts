import type { LicenseRow } from '@lic/read-models';
import type { SeatsView } from '../seats/seats.view';

/** A license in a list: what it is, its live status and its live seats. */
export const licenseSummary = (row: LicenseRow, seats: SeatsView, productName: string | null) => ({
  license_id: row.licenseId,
  product_id: row.productId,
  product_name: productName,
  variant_id: row.variantId,
  license_type: row.licenseType,
  licensee: row.licensee,
  trial: row.trial,
  status: seats.status,
  issued_at: row.issuedAt,
  expires_at: row.expiresAt,
  seats: seats.seats,
});

/** One license in full: the summary, its policy and standing, and who holds its seats. */
export const licenseDetail = (row: LicenseRow, seats: SeatsView, productName: string | null) => ({
  ...licenseSummary(row, seats, productName),
  recorded_status: row.status,
  status_reason: row.statusReason,
  expired_at: row.expiredAt,
  reserved_accounts: JSON.parse(row.reservedAccounts) as string[],
  policy: JSON.parse(row.policy) as unknown,
  updated_at: row.updatedAt,
  updated_position: row.updatedPosition.toString(10),
  holders: seats.holders,
});
