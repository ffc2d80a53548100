import type { RefusalKind, RefusalReason } from '../license/license.events';

/**
 * A decision that records nothing. Refusals that are recorded (U2) are events, not errors;
 * a refusal not recorded one by one (O5) is an error that says what to tally instead.
 */
export const ErrorCodes = [
  'LICENSE_NOT_FOUND',
  'LICENSE_EXISTS',
  'PRODUCT_NOT_FOUND',
  'PRODUCT_EXISTS',
  'VARIANT_NOT_FOUND',
  'VARIANT_EXISTS',
  'VARIANT_RETIRED',
  'INVALID_POLICY',
  'INVALID_COMMAND',
  'LICENSE_REVOKED',
  'LICENSE_SUSPENDED',
  'LICENSE_EXPIRED',
  'SEATS_EXHAUSTED',
  'RATE_LIMITED',
  'FLOATING_NOT_ENABLED',
  'SESSIONS_NOT_ENABLED',
  'LEASE_NOT_FOUND',
  'LEASE_EXPIRED',
  'LEASE_NOT_ACTIVE',
  'SESSION_NOT_FOUND',
  'SESSION_EXPIRED',
  'SESSION_NOT_ACTIVE',
  'SESSION_NOT_SHAREABLE',
  'ACTIVATION_NOT_FOUND',
  'TOKEN_EXPIRED',
  'IDEMPOTENCY_KEY_REUSED',
  'ALREADY_IN_STATE',
  'TOKEN_NOT_FOUND',
  'TOKEN_EXISTS',
] as const;
export type ErrorCode = (typeof ErrorCodes)[number];

/** What a refusal not recorded one by one adds to the license's tallies (U2). */
export interface SuppressedRefusal {
  readonly kind: RefusalKind;
  readonly reason: RefusalReason;
}

export interface DomainError {
  readonly code: ErrorCode;
  readonly message: string;
  /**
   * Set only for a refusal past its bounds (O5): recorded neither as an event nor lost — the
   * caller adds it to the license's refusal tally, recorded as RefusalsTallied.v1 (U2).
   */
  readonly suppressedRefusal?: SuppressedRefusal;
  /** Machine-readable particulars, e.g. why a lease is no longer active. */
  readonly details?: Readonly<Record<string, string>>;
}

export const domainError = (
  code: ErrorCode,
  message: string,
  details?: Readonly<Record<string, string>>,
): DomainError => (details ? { code, message, details } : { code, message });
