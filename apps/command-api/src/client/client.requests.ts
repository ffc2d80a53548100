import * as t from 'io-ts';
import {
  CountryCode,
  Fingerprint,
  IdempotencyKey,
  MachineName,
  SessionKind,
  Username,
} from '@lic/domain';

/** Request shapes of the client surfaces, exactly as the seeds give them (snake_case). */

/** A lease token as handed out by checkout: `llt_<lease id>`. */
export const LeaseToken = t.refinement(
  t.string,
  (s) => /^llt_[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(s),
  'LeaseToken (llt_…)',
);
export const leaseIdOf = (token: string): string => token.slice('llt_'.length);
export const leaseTokenOf = (leaseId: string): string => `llt_${leaseId}`;

/** seed 001 */
export const CheckoutBody = t.type({ fingerprint: Fingerprint }, 'CheckoutBody');
export const LeaseBody = t.type({ lease_token: LeaseToken }, 'LeaseBody');
export const IdempotencyKeyHeader = t.type(
  { 'idempotency-key': IdempotencyKey },
  'Idempotency-Key header',
);

/** seed 002 */
export const ActivateBody = t.intersection(
  [
    t.type({ fingerprint: Fingerprint }),
    t.partial({
      country: t.union([CountryCode, t.null]),
      /** Recorded with the activation (MachineActivated.v2), so it must read back: bounded. */
      hostname: t.union([MachineName, t.null]),
      platform: t.union([t.string, t.null]),
    }),
  ],
  'ActivateBody',
);
export const ValidateBody = t.type(
  {
    token: t.refinement(t.string, (s) => s.length > 0 && s.length < 8192, 'JWT'),
    fingerprint: Fingerprint,
  },
  'ValidateBody',
);
export const DeactivateBody = t.type({ fingerprint: Fingerprint }, 'DeactivateBody');

/** seed 000 */
export const OpenSessionBody = t.type({ username: Username, kind: SessionKind }, 'OpenSessionBody');
export const ActivityBody = t.partial(
  { username: t.union([Username, t.null]), on_behalf_of: t.union([t.string, t.null]) },
  'ActivityBody',
);
export const SessionIdParam = t.type(
  { id: t.refinement(t.string, (s) => /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(s), 'SessionId') },
  'SessionIdParam',
);
