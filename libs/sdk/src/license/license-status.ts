import * as t from 'io-ts';

/** A license's status as the server reports it (seed 002's offline table, plus O7's expiry). */
export const LicenseStatus = t.keyof(
  { active: null, degraded: null, suspended: null, expired: null, revoked: null },
  'LicenseStatus',
);
export type LicenseStatus = t.TypeOf<typeof LicenseStatus>;

export const isLicenseStatus = (v: unknown): v is LicenseStatus => LicenseStatus.is(v);

const severity: Readonly<Record<LicenseStatus, number>> = {
  active: 0,
  degraded: 1,
  suspended: 2,
  expired: 3,
  revoked: 4,
};

/** The more restrictive of two statuses. */
export const stricter = (a: LicenseStatus, b: LicenseStatus): LicenseStatus =>
  severity[a] >= severity[b] ? a : b;

/** O2 defaults, used only when the server did not state the allowance. */
export const defaultOfflineDays: Readonly<Record<LicenseStatus, number>> = {
  active: 30,
  degraded: 1,
  suspended: 3,
  expired: 0,
  revoked: 0,
};

/** The status a refusal code reports, if it reports one. */
export const statusOfRefusal = (code: string): LicenseStatus | null => {
  switch (code) {
    case 'LICENSE_REVOKED':
      return 'revoked';
    case 'LICENSE_SUSPENDED':
      return 'suspended';
    case 'LICENSE_EXPIRED':
      return 'expired';
    default:
      return null;
  }
};
