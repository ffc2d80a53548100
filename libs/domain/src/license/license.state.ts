import * as t from 'io-ts';
import { RecordedPolicy } from '../product/policy';
import { nullable } from '../shared/codecs';

/**
 * The state a License decision is taken against. Times are epoch milliseconds. Everything that
 * has ended is dropped or pruned by age, so the state stays small however long the stream grows;
 * what grows with traffic and is only looked up by key (idempotency records, recently ended
 * holders) is the license's memory instead (license.memory.ts), kept beside the state.
 * Defined as a codec so a stored snapshot is decoded like any other input.
 */
const ms = t.number;
/** See sharded.ts: shard id → leaf id → key → value. */
const sharded = <C extends t.Mixed>(codec: C) =>
  t.record(t.string, t.record(t.string, t.record(t.string, codec)));

export const Activation = t.type({
  activationId: t.string,
  fingerprint: t.string,
  activatedAt: ms,
  country: nullable(t.string),
  tokenId: t.string,
  tokenExpiresAt: ms,
});
export type Activation = t.TypeOf<typeof Activation>;

export const Lease = t.type({
  leaseId: t.string,
  fingerprint: t.string,
  checkedOutAt: ms,
  /** F5: the lease counts while now < expiresAt. */
  expiresAt: ms,
  via: t.keyof({ checkout: null, activation: null }),
});
export type Lease = t.TypeOf<typeof Lease>;

export const Session = t.type({
  sessionId: t.string,
  username: t.string,
  kind: t.keyof({ interactive: null, service: null }),
  openedAt: ms,
  lastActivityAt: ms,
  /** S2/S3: the session counts while now < expiresAt. */
  expiresAt: ms,
  hardExpiresAt: nullable(ms),
});
export type Session = t.TypeOf<typeof Session>;

/** A holder that ended recently: lets a late heartbeat be told why (kept in the memory). */
export const Ended = t.type({ reason: t.string, endedAt: ms, at: ms });
export type Ended = t.TypeOf<typeof Ended>;

/** F6: what an Idempotency-Key was bound to, and the outcome a replay returns (in the memory). */
export const IdempotencyRecord = t.type({
  operation: t.keyof({ checkout: null, checkin: null }),
  requestHash: t.string,
  at: ms,
  leaseId: t.string,
  leaseExpiresAt: ms,
});
export type IdempotencyRecord = t.TypeOf<typeof IdempotencyRecord>;

export const IssuedLicense = t.type({
  kind: t.literal('issued'),
  licenseId: t.string,
  productId: t.string,
  variantId: t.string,
  policy: RecordedPolicy,
  keyHash: t.string,
  licensee: nullable(t.string),
  trial: t.boolean,
  issuedAt: ms,
  /** Admin standing; expiry and threat are separate (see statusAt). */
  standing: t.keyof({ active: null, suspended: null, revoked: null }),
  threat: t.keyof({ normal: null, degraded: null }),
  expiresAt: nullable(ms),
  expiryRecorded: t.boolean,
  reserved: t.array(t.string),
  /** Keyed by fingerprint (M1: one activation per machine). */
  activations: sharded(Activation),
  /** Live (and not yet recorded as expired) holders; bounded by the caps. */
  leases: t.record(t.string, Lease),
  sessions: t.record(t.string, Session),
  /** O5: instants of counted /activate attempts within the window. */
  activationAttempts: t.array(ms),
  /** O6: instants of deactivations within the churn window. */
  deactivations: t.array(ms),
  /**
   * O5/U2: when each kind:reason:subject refusal was last recorded; per kind:reason windows;
   * and the refusal events recorded in the license's current day (from `start`, 24 hours).
   */
  refusals: t.type({
    recent: sharded(ms),
    windows: t.record(t.string, t.type({ start: ms, count: t.number })),
    day: t.type({ start: ms, count: t.number }),
  }),
});
export type IssuedLicense = t.TypeOf<typeof IssuedLicense>;

export const LicenseState = t.union([t.type({ kind: t.literal('unissued') }), IssuedLicense]);
export type LicenseState = t.TypeOf<typeof LicenseState>;

export const initialLicenseState: LicenseState = { kind: 'unissued' };

/** Bump when the state's shape changes: older snapshots are then ignored and rebuilt. */
export const licenseStateSchemaVersion = 'license-state.v6';
