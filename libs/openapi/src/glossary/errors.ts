import type { GlossarySection } from './model';

const e = (id: string, status: number, text: string) => ({ id, title: id, status, text });

/** Every error code either API answers with, its HTTP status, and what to do about it. */
export const errors: GlossarySection = {
  id: 'errors',
  title: 'Error codes',
  intro:
    'Every error is answered as `{"error": {"code", "message", "details"?, "help"}}`: `code` is stable and machine-readable, `message` is for people, `details` carries particulars (the fields of a malformed request; the seat figures of a refusal), `help` links here. The `code` is what to branch on.',
  entries: [
    e(
      'BAD_REQUEST',
      400,
      'The request is malformed: a field is missing, of the wrong type or out of bounds, or the JSON does not parse. `details` lists each problem as `{field, problem}`; nothing was recorded.',
    ),
    e(
      'UNAUTHORIZED',
      401,
      'No credential: send `Authorization: License {license_key}` (client surfaces) or `Authorization: Bearer {admin_token}` (admin API, query API).',
    ),
    e(
      'INVALID_LICENSE_KEY',
      401,
      'The license key is not a license key, or not this license’s key.',
    ),
    e(
      'INVALID_TOKEN',
      401,
      'The access token or machine token is not valid: bad signature, expired, or meant for another license. Operators: get a fresh token; machines: activate again.',
    ),
    e(
      'TOKEN_REVOKED',
      401,
      'An admin revoked this access token (`DELETE /admin/v1/tokens/{token_id}`); every replica refuses it from its next request on. Ask an admin for a new one.',
    ),
    e(
      'FINGERPRINT_MISMATCH',
      422,
      'The machine token was issued to another fingerprint ([M4](#M4)).',
    ),
    e(
      'FORBIDDEN',
      403,
      'The access token lacks the role: admin for the admin API, auditor (or admin) for the audit trail and reports.',
    ),
    e('NOT_FOUND', 404, 'No such route.'),
    e('LICENSE_NOT_FOUND', 404, 'No license with this id.'),
    e('PRODUCT_NOT_FOUND', 404, 'No product with this id.'),
    e('VARIANT_NOT_FOUND', 404, 'The product has no variant with this id.'),
    e('LEASE_NOT_FOUND', 404, 'No lease with this token on this license.'),
    e('SESSION_NOT_FOUND', 404, 'No session with this id on this license.'),
    e(
      'ACTIVATION_NOT_FOUND',
      404,
      'No activation with this id (admin), or no machine with this fingerprint (deactivate, validate) on this license.',
    ),
    e(
      'TOKEN_NOT_FOUND',
      404,
      'No access token with this id was recorded (`GET /admin/v1/tokens` lists them).',
    ),
    e('METHOD_NOT_ALLOWED', 405, 'The route exists, not with this method.'),
    e('LICENSE_EXISTS', 409, 'A license with this `license_id` was issued already.'),
    e('PRODUCT_EXISTS', 409, 'A product with this `product_id` exists already.'),
    e(
      'VARIANT_EXISTS',
      409,
      'The product has a variant with this `variant_id` already; change its policy with PUT instead.',
    ),
    e(
      'TOKEN_EXISTS',
      409,
      'An access token with this id was recorded already (ids are random; mint again).',
    ),
    e(
      'ALREADY_IN_STATE',
      409,
      'Nothing to do: the license is already suspended (or not suspended), the threat level already raised (or normal).',
    ),
    e(
      'IDEMPOTENCY_KEY_REUSED',
      409,
      'This `Idempotency-Key` was used for a different request ([F6](#F6)). Use a new key for a new request.',
    ),
    e(
      'IDEMPOTENCY_KEY_IN_USE',
      409,
      'A request with this `Idempotency-Key` is still being decided ([F6](#F6)); retry it in a moment to get its answer.',
    ),
    e(
      'CONCURRENT_CONFLICT',
      409,
      'The license changed concurrently more times than the server retries; send the request again.',
    ),
    e('PAYLOAD_TOO_LARGE', 413, 'The body is over 64 KiB.'),
    e('UNSUPPORTED_MEDIA_TYPE', 415, 'Send JSON with `Content-Type: application/json`.'),
    e(
      'SEATS_EXHAUSTED',
      422,
      'Refused: every seat of this kind is taken ([M2](#M2), [F4](#F4), [S1](#S1), [S4](#S4)). `details.seats` says `{inUse, limit}`. Free one (checkin, deactivate, logout) or wait; the refusal is counted ([U2](#U2)).',
    ),
    e('LICENSE_REVOKED', 422, 'Refused: the license was revoked for good ([O4](#O4)).'),
    e(
      'LICENSE_SUSPENDED',
      422,
      'Refused: the license is suspended ([O4](#O4)); `details.offline_grace_days` says how long a cached token still runs ([O2](#O2)).',
    ),
    e(
      'LICENSE_EXPIRED',
      422,
      'Refused: the license is past its end date ([O7](#O7)); an admin can renew it.',
    ),
    e(
      'RATE_LIMITED',
      422,
      'Refused: too many activation attempts for this key ([O5](#O5)); `Retry-After` says how many seconds until the window frees an attempt.',
    ),
    e('TOKEN_EXPIRED', 422, 'Refused: the machine token has expired ([O3](#O3)); activate again.'),
    e(
      'FLOATING_NOT_ENABLED',
      422,
      'The license’s policy has no floating overlay: checkout needs one (issue with `seats.max_floating_users`, or a floating variant).',
    ),
    e(
      'SESSIONS_NOT_ENABLED',
      422,
      'The license’s policy has no session overlay: issue it from the `user-sessions` preset or with `seats.max_sessions`.',
    ),
    e(
      'LEASE_EXPIRED',
      422,
      'The lease timed out without a heartbeat ([F5](#F5)); check out again.',
    ),
    e(
      'LEASE_NOT_ACTIVE',
      422,
      'The lease has ended — checked in, released by an admin, or ended with its license; `details.reason` says how.',
    ),
    e('SESSION_EXPIRED', 422, 'The session timed out ([S2](#S2), [S3](#S3)); open a new one.'),
    e(
      'SESSION_NOT_ACTIVE',
      422,
      'The session has ended (logout, ended by an admin, or with its license); `details.reason` says how.',
    ),
    e(
      'SESSION_NOT_SHAREABLE',
      422,
      'Activity in another user’s name: one session is one user ([S5](#S5)).',
    ),
    e('VARIANT_RETIRED', 422, 'The variant is retired: it issues no new licenses.'),
    e(
      'INVALID_POLICY',
      422,
      'The policy breaks a rule beyond its shape, e.g. a per-machine policy without `maxMachines`, a site policy with geo-spread detection on ([T2](#T2)), idempotency keys kept less than 24 hours ([F6](#F6)).',
    ),
    e(
      'INVALID_COMMAND',
      422,
      'The request is well-formed but cannot apply to this license, e.g. renewing a perpetual license without `days`, or more reserved accounts than session slots.',
    ),
    e(
      'READ_MODEL_BEHIND',
      504,
      'Query API: `?after={position}` was not reached within `READ_YOUR_WRITES_TIMEOUT_MS`; retry after `Retry-After` seconds ([event position](#event-position)).',
    ),
    e(
      'EVENT_STORE_UNAVAILABLE',
      503,
      'Query API: the event store could not be read (seats `?as_of=`); retry.',
    ),
    e(
      'INTERNAL',
      500,
      'An unexpected error; it is logged with its correlation id (`X-Request-Id`), never sent to the client.',
    ),
  ],
};
