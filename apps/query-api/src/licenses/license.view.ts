import type { LiveLicense } from './live-licenses';

/** A license in a list: what it is, its live status and its live seats. */
export const licenseSummary = ({ row, seats, productName }: LiveLicense) => ({
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
export const licenseDetail = (live: LiveLicense) => ({
  ...licenseSummary(live),
  recorded_status: live.row.status,
  status_reason: live.row.statusReason,
  expired_at: live.row.expiredAt,
  reserved_accounts: JSON.parse(live.row.reservedAccounts) as string[],
  policy: JSON.parse(live.row.policy) as unknown,
  updated_at: live.row.updatedAt,
  updated_position: live.row.updatedPosition.toString(10),
  holders: live.seats.holders,
});

export type LicenseSummary = ReturnType<typeof licenseSummary>;
export type LicenseDetail = ReturnType<typeof licenseDetail>;
