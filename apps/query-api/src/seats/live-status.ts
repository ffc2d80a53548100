import { deadlinePassed, fromIso, statusAfterDeadline, type LicenseStatusName } from '@lic/domain';
import type { LicenseRow } from '@lic/read-models';

/**
 * The license's status at `now` from its row: the status its events recorded (the domain's
 * statusOf, stored by the projection) with a passed expiry deadline applied (O7).
 */
export const liveStatus = (
  row: Pick<LicenseRow, 'status' | 'expiresAt'>,
  nowIso: string,
): LicenseStatusName =>
  statusAfterDeadline(
    row.status,
    deadlinePassed(row.expiresAt === null ? null : fromIso(row.expiresAt), fromIso(nowIso)),
  );
