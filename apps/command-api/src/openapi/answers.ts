import * as t from 'io-ts';
import {
  Fingerprint,
  Id,
  Instant,
  LicenseStatusName,
  Text,
  NonNegativeInt,
  Policy,
  SessionKind,
  Username,
  licenseEventTypes,
  nullable,
} from '@lic/domain';
import { LeaseToken } from '../client/client.requests';

/**
 * The shapes of the command API's answers, documented in the OpenAPI document and checked
 * against real answers by the examples test (test/api-docs). Field names are the seeds'.
 */
const compactJws = (name: string) =>
  t.refinement(t.string, (s) => /^[\w-]+\.[\w-]+\.[\w-]+$/.test(s), name);
export const Jwt = compactJws('JWT (compact JWS, EdDSA)');
const Envelope = compactJws('signed envelope (compact JWS over the answer’s other fields)');
const LicenseKey = t.refinement(t.string, (s) => s.startsWith('lk_'), 'LicenseKey (lk_…)');
const EventType = t.keyof(
  Object.fromEntries(licenseEventTypes.map((type) => [type, null])) as Record<string, null>,
  'EventType',
);

export const CheckoutAnswer = t.type(
  {
    type: t.literal('floating.checkout'),
    license_id: Id,
    fingerprint: Fingerprint,
    lease_token: LeaseToken,
    lease_expires_at: Instant,
    checked_out_at: Instant,
    envelope: Envelope,
  },
  'CheckoutAnswer',
);
export const HeartbeatAnswer = t.type(
  { lease_token: LeaseToken, lease_expires_at: nullable(Instant) },
  'HeartbeatAnswer',
);
export const CheckinAnswer = t.type(
  {
    type: t.literal('floating.checkin'),
    license_id: Id,
    lease_token: LeaseToken,
    released_at: Instant,
    envelope: Envelope,
  },
  'CheckinAnswer',
);
export const MachineAnswer = t.type(
  {
    type: t.literal('machine.status'),
    valid: t.literal(true),
    refreshed: t.boolean,
    license_id: Id,
    activation_id: Id,
    fingerprint: Fingerprint,
    status: LicenseStatusName,
    token_id: Id,
    expires_at: Instant,
    offline_days: NonNegativeInt,
    checked_at: Instant,
    token: Jwt,
    envelope: Envelope,
  },
  'MachineAnswer',
);
export const DeactivateAnswer = t.type(
  {
    deactivated: t.literal(true),
    license_id: Id,
    fingerprint: Fingerprint,
    machine_released: t.boolean,
    leases_released: NonNegativeInt,
  },
  'DeactivateAnswer',
);
export const SessionOpenedAnswer = t.type(
  {
    session_id: Id,
    license_id: Id,
    username: Username,
    kind: SessionKind,
    pool: t.keyof({ reserved: null, shared: null }),
    expires_at: Instant,
    hard_expires_at: nullable(Instant),
  },
  'SessionOpenedAnswer',
);
export const SessionActivityAnswer = t.type(
  { session_id: Id, expires_at: nullable(Instant) },
  'SessionActivityAnswer',
);
export const SessionClosedAnswer = t.type(
  { session_id: Id, closed: t.literal(true) },
  'SessionClosedAnswer',
);
export const ProductAnswer = t.type(
  { product_id: Id, name: Text, variants: t.array(Id) },
  'ProductAnswer',
);
export const VariantAnswer = t.type(
  { product_id: Id, variant_id: Id, policy: Policy },
  'VariantAnswer',
);
export const VariantRetiredAnswer = t.type(
  { product_id: Id, variant_id: Id, retired: t.literal(true) },
  'VariantRetiredAnswer',
);
export const IssuedAnswer = t.type(
  {
    license_id: Id,
    license_key: LicenseKey,
    product_id: Id,
    variant_id: Id,
    trial: t.boolean,
    expires_at: nullable(Instant),
    policy: Policy,
  },
  'IssuedAnswer',
);
export const RecordedAnswer = t.type(
  { license_id: Id, recorded: t.array(EventType) },
  'RecordedAnswer',
);
export const Jwks = t.type(
  {
    keys: t.array(
      t.type({
        kty: t.literal('OKP'),
        crv: t.literal('Ed25519'),
        x: t.string,
        kid: t.string,
        alg: t.literal('EdDSA'),
        use: t.literal('sig'),
      }),
    ),
  },
  'Jwks',
);
const Indicators = t.record(t.string, t.UnknownRecord);
export const HealthAnswer = t.type(
  {
    status: t.keyof({ ok: null, error: null, shutting_down: null }),
    info: Indicators,
    error: Indicators,
    details: Indicators,
  },
  'HealthAnswer',
);
export const ClockAnswer = t.type({ now: Instant, offset_seconds: t.number }, 'ClockAnswer');
