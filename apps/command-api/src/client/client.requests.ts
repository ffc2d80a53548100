import * as t from 'io-ts';
import {
  CountryCode,
  Fingerprint,
  IdempotencyKey,
  MachineName,
  SessionKind,
  Username,
  closed,
  matching,
  shortText,
} from '@lic/domain';

/**
 * Request shapes of the client surfaces, exactly as the seeds give them (snake_case). Bodies
 * are closed (an unknown field is a 400 naming it) and every field is bounded.
 */

/** A lease token as handed out by checkout: `llt_<lease id>`. */
export const LeaseToken = matching(
  'LeaseToken (llt_…)',
  /^llt_[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/,
  68,
);
export const leaseIdOf = (token: string): string => token.slice('llt_'.length);
export const leaseTokenOf = (leaseId: string): string => `llt_${leaseId}`;

/** seed 001, and the machine's name as /activate takes it (recorded: LeaseCheckedOut.v2). */
export const CheckoutBody = closed(
  t.intersection(
    [t.type({ fingerprint: Fingerprint }), t.partial({ hostname: t.union([MachineName, t.null]) })],
    'CheckoutBody',
  ),
);
export const LeaseBody = closed(t.type({ lease_token: LeaseToken }, 'LeaseBody'));
export const IdempotencyKeyHeader = t.type(
  { 'idempotency-key': IdempotencyKey },
  'Idempotency-Key header',
);

/** seed 002 */
export const ActivateBody = closed(
  t.intersection(
    [
      t.type({ fingerprint: Fingerprint }),
      t.partial({
        country: t.union([CountryCode, t.null]),
        /** Recorded with the activation (MachineActivated.v2), so it must read back: bounded. */
        hostname: t.union([MachineName, t.null]),
        platform: t.union([shortText(255), t.null]),
      }),
    ],
    'ActivateBody',
  ),
);
export const ValidateBody = closed(
  t.type(
    {
      token: matching('a JWT (compact JWS, under 8 KiB)', /^[A-Za-z0-9_.-]+$/, 8191),
      fingerprint: Fingerprint,
    },
    'ValidateBody',
  ),
);
export const DeactivateBody = closed(t.type({ fingerprint: Fingerprint }, 'DeactivateBody'));

/** seed 000 */
export const OpenSessionBody = closed(
  t.type({ username: Username, kind: SessionKind }, 'OpenSessionBody'),
);
/** S6: on_behalf_of names an external user: bounded like a user name. */
export const ActivityBody = closed(
  t.partial(
    { username: t.union([Username, t.null]), on_behalf_of: t.union([Username, t.null]) },
    'ActivityBody',
  ),
);
export const SessionIdParam = t.type(
  { id: matching('SessionId', /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 64) },
  'SessionIdParam',
);
