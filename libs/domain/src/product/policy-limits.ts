/**
 * The bounds of every number a policy may hold, as a licensing product sets them: wide enough
 * for any real customer, narrow enough that every instant a decision derives from them stays
 * within what an event can carry (four-digit years) and every count fits the read models.
 * Each is [minimum, maximum], inclusive. The README lists them; the OpenAPI documents show them.
 */
export const policyLimits = {
  /** Seats: machines, floating users, session slots. */
  seats: [1, 1_000_000],
  /** A license's term, and a renewal: up to 100 years. */
  durationDays: [1, 36_525],
  trialDays: [1, 3_650],
  /** O2: offline allowance by status, up to 10 years (0 = online only). */
  offlineDays: [0, 3_650],
  tokenRefreshAfterDays: [1, 3_650],
  /** F5: a lease without heartbeat is abandoned after 1 minute to 7 days. */
  floatingTimeoutMinutes: [1, 10_080],
  /** S2/S3: idle and absolute session limits, up to 7 days. */
  sessionMinutes: [1, 10_080],
  /** O5: /activate attempts per window, and the window. */
  activationAttempts: [1, 10_000],
  activationWindowMinutes: [1, 10_080],
  /** O6: countries (ISO 3166 has 249) and seat moves. */
  countries: [1, 250],
  deactivations: [1, 10_000],
  churnWindowDays: [1, 3_650],
  /** O5/U2: refusal log windows and budgets. */
  refusalWindowSeconds: [0, 86_400],
  refusalsPerWindow: [1, 100_000],
  refusalsPerDay: [1, 1_000_000],
  /** F6: at least 24 hours, at most a year. */
  idempotencyRetentionHours: [24, 8_760],
} as const satisfies Record<string, readonly [number, number]>;

export type PolicyLimit = keyof typeof policyLimits;

/** The longest a license may run past the instant of a decision (issue or renewal). */
export const MAX_TERM_DAYS = policyLimits.durationDays[1];
