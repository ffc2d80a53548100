import { ErrorCodes } from '@lic/domain';

/** HTTP status by error code, for both APIs. */
const byCode: Readonly<Record<string, number>> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  INVALID_LICENSE_KEY: 401,
  INVALID_TOKEN: 401,
  TOKEN_REVOKED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  LICENSE_NOT_FOUND: 404,
  PRODUCT_NOT_FOUND: 404,
  VARIANT_NOT_FOUND: 404,
  LEASE_NOT_FOUND: 404,
  SESSION_NOT_FOUND: 404,
  ACTIVATION_NOT_FOUND: 404,
  TOKEN_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  FINGERPRINT_MISMATCH: 422,
  LICENSE_EXISTS: 409,
  PRODUCT_EXISTS: 409,
  VARIANT_EXISTS: 409,
  TOKEN_EXISTS: 409,
  ALREADY_IN_STATE: 409,
  IDEMPOTENCY_KEY_REUSED: 409,
  IDEMPOTENCY_KEY_IN_USE: 409,
  CONCURRENT_CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  INTERNAL: 500,
  UNAVAILABLE: 503,
  EVENT_STORE_UNAVAILABLE: 503,
  READ_MODEL_BEHIND: 504,
};

const refusals: ReadonlySet<string> = new Set(ErrorCodes);

/**
 * The one error policy: a listed code has its status; any other domain error code is a
 * refusal of the request as it stands (422); a code neither knows is a defect (500).
 */
export const statusOf = (code: string): number => byCode[code] ?? (refusals.has(code) ? 422 : 500);
