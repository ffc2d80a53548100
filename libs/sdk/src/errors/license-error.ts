/**
 * Codes the SDK produces itself. Every refusal of the server keeps the server's own stable
 * code (SEATS_EXHAUSTED, LICENSE_REVOKED, LEASE_EXPIRED, …) unchanged.
 */
export const SdkCodes = {
  /** No answer: the server could not be reached (DNS, refused connection, reset, …). */
  NETWORK_ERROR: 'NETWORK_ERROR',
  /** No answer within the request timeout. */
  TIMEOUT: 'TIMEOUT',
  /** An answer that is not the JSON the API documents. */
  BAD_RESPONSE: 'BAD_RESPONSE',
  /** A signed answer that failed verification against the server's JWKS: never trusted. */
  UNTRUSTED_RESPONSE: 'UNTRUSTED_RESPONSE',
  /** The token cache was written on a machine with another fingerprint (O8). */
  CACHE_FROM_ANOTHER_MACHINE: 'CACHE_FROM_ANOTHER_MACHINE',
  /** The token cache is damaged or of an unknown format. */
  CACHE_CORRUPT: 'CACHE_CORRUPT',
  /** Offline, and this machine holds no token to fall back on. */
  NO_CACHED_TOKEN: 'NO_CACHED_TOKEN',
  /** Offline for longer than the license's status allows (O2). */
  OFFLINE_ALLOWANCE_EXCEEDED: 'OFFLINE_ALLOWANCE_EXCEEDED',
  /** The operation was cancelled by its AbortSignal. */
  ABORTED: 'ABORTED',
} as const;
export type SdkCode = (typeof SdkCodes)[keyof typeof SdkCodes];

/** One problem of a rejected request (a 400): the field, as `body.fingerprint`, and why. */
export interface FieldProblem {
  readonly field: string;
  readonly problem: string;
}

/**
 * The server's `error.details`, typed as both APIs send it: a list of field problems for a
 * BAD_REQUEST, an object of named facts otherwise (e.g. `{ seats }`, `{ reason }`,
 * `{ offline_grace_days }`, `{ after, checkpoint, waited_ms }`).
 */
export type ErrorDetails = readonly FieldProblem[] | Readonly<Record<string, unknown>>;

export interface LicenseErrorInit {
  readonly code: string;
  readonly message: string;
  /** The HTTP status of the server's answer; 0 when there was none. */
  readonly status?: number;
  /** The server's `error.details`, as sent. */
  readonly details?: ErrorDetails;
  /** Seconds, from the server's Retry-After header (RATE_LIMITED). */
  readonly retryAfter?: number;
  readonly cause?: unknown;
}

/** Retrying these with the same Idempotency-Key can only help. */
const TRANSIENT_CODES: ReadonlySet<string> = new Set([
  SdkCodes.NETWORK_ERROR,
  SdkCodes.TIMEOUT,
  'IDEMPOTENCY_KEY_IN_USE',
  'CONCURRENT_CONFLICT',
  'UNAVAILABLE',
]);

/** The one error type of the SDK: the server's stable code, or one of {@link SdkCodes}. */
export class LicenseError extends Error {
  override readonly name = 'LicenseError';
  readonly code: string;
  readonly status: number;
  readonly details?: ErrorDetails;
  readonly retryAfter?: number;

  constructor(init: LicenseErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.status = init.status ?? 0;
    if (init.details !== undefined) this.details = init.details;
    if (init.retryAfter !== undefined) this.retryAfter = init.retryAfter;
  }

  /** The server gave no answer (or an answer of a broken server): the offline rules apply. */
  get offline(): boolean {
    return (
      this.code === SdkCodes.NETWORK_ERROR || this.code === SdkCodes.TIMEOUT || this.status >= 500
    );
  }

  /** The same request may succeed if sent again (with the same Idempotency-Key). */
  get transient(): boolean {
    return TRANSIENT_CODES.has(this.code) || this.status >= 500;
  }
}

export const isLicenseError = (e: unknown): e is LicenseError => e instanceof LicenseError;

/** The field problems of a BAD_REQUEST (empty for any other error). */
export const fieldProblems = (error: LicenseError): readonly FieldProblem[] =>
  Array.isArray(error.details) ? (error.details as readonly FieldProblem[]) : [];

export const untrusted = (message: string, details?: ErrorDetails): LicenseError =>
  new LicenseError({ code: SdkCodes.UNTRUSTED_RESPONSE, message, details });

export const badResponse = (message: string, status = 0): LicenseError =>
  new LicenseError({ code: SdkCodes.BAD_RESPONSE, message, status });
