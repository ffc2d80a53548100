import type { LicenseEvent, TokenGrant } from '@lic/domain';
import type { LicenseFacts } from '../license-use-case';

/** A machine token a decision granted, with what signing it takes (M4, O2, O3). */
export interface Granted {
  readonly license: LicenseFacts;
  readonly activationId: string;
  readonly grant: TokenGrant;
}

/** The token among the events just decided, with the activation (or lease) it belongs to. */
export const grantIn = (
  events: readonly LicenseEvent[],
): { activationId: string; grant: TokenGrant } | null => {
  for (const e of events) {
    if (e.type === 'MachineActivated.v2' || e.type === 'MachineTokenRefreshed.v1') {
      return { activationId: e.data.activationId, grant: e.data.token };
    }
    if ((e.type === 'LeaseCheckedOut.v2' || e.type === 'LeaseHeartbeat.v1') && e.data.token) {
      return { activationId: e.data.leaseId, grant: e.data.token };
    }
  }
  return null;
};
