/** HTTP status by error code. */
const byCode: Readonly<Record<string, number>> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  INVALID_TOKEN: 401,
  TOKEN_REVOKED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  LICENSE_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  INTERNAL: 500,
  EVENT_STORE_UNAVAILABLE: 503,
  READ_MODEL_BEHIND: 504,
};

export const statusOf = (code: string): number => byCode[code] ?? 500;
