import type { LicenseError } from '../errors/license-error';
import { isRecord } from '../http/error-body';

const BY_ENDING: Readonly<Record<string, string>> = {
  'license-revoked': 'LICENSE_REVOKED',
  'license-suspended': 'LICENSE_SUSPENDED',
  expired: 'LEASE_EXPIRED',
};

/**
 * Why a lease was lost, as precisely as the server says it. A revocation or suspension ends
 * every lease at once, so the next heartbeat is refused LEASE_NOT_ACTIVE; the server names the
 * ending only in its message ("the lease has ended (released:license-revoked)"), or in `details.reason`
 * should it ever send one. Those become LICENSE_REVOKED / LICENSE_SUSPENDED; anything else
 * keeps the server's code.
 */
export const lossReason = (error: LicenseError): string => {
  if (error.code !== 'LEASE_NOT_ACTIVE') return error.code;
  const detailed = isRecord(error.details) ? error.details.reason : undefined;
  const said =
    typeof detailed === 'string' ? detailed : /\(([a-z:-]+)\)\s*$/.exec(error.message)?.[1];
  const ending = said?.split(':').pop();
  return (ending !== undefined && BY_ENDING[ending]) || error.code;
};
