/**
 * license-run's own exit codes (sysexits.h), distinct from the wrapped command's: the command's
 * status is passed through as is, 128 + N for a command killed by signal N.
 */
export const ExitCodes = {
  /** Bad arguments. */
  USAGE: 64,
  /** The license server could not be reached. */
  UNAVAILABLE: 69,
  /** No free seat (--fail-fast, or --max-wait passed), or the seat was lost while running. */
  NO_SEAT: 75,
  /** A signed answer of the server failed verification. */
  UNTRUSTED: 76,
  /** The license refuses: revoked, suspended, expired, unknown key, no floating overlay, … */
  REFUSED: 77,
  /** The command could not be executed / was not found. */
  CANNOT_EXECUTE: 126,
  NOT_FOUND: 127,
} as const;
