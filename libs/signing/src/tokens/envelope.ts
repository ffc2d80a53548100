import type { KeyRing } from '../keys/key-ring';
import { signCompactJws, verifyCompactJws } from '../jws/compact-jws';
import type { VerificationKeys } from '../jws/verification-keys';
import { invalid } from '../jws/verification-result';
import type { Invalid } from '../jws/verification-result';

/** Seed 001: checkout and checkin answers are signed runtime envelopes (F1, F3, F6). */
export const ENVELOPE_TYP = 'license-envelope+jws';

export type EnvelopePayload = Readonly<Record<string, string | number | boolean | null>>;

/**
 * A compact JWS over the canonical JSON of `payload`, header typ "license-envelope+jws".
 * Equal payloads give byte-identical envelopes, so an idempotent replay (F6) is the very same
 * bytes; pass the original `kid` to replay one signed before a key rotation.
 */
export const signEnvelope = (
  ring: KeyRing,
  payload: EnvelopePayload,
  options: { readonly kid?: string } = {},
): Promise<string> => signCompactJws(ring, ENVELOPE_TYP, payload, options.kid);

export type EnvelopeVerification =
  { readonly kind: 'valid'; readonly kid: string; readonly payload: EnvelopePayload } | Invalid;

const isScalar = (v: unknown): boolean =>
  v === null || ['string', 'number', 'boolean'].includes(typeof v);

const isEnvelopePayload = (v: unknown): v is EnvelopePayload =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  Object.values(v as Record<string, unknown>).every(isScalar);

/** EdDSA only, typ "license-envelope+jws" only, a known kid; the payload a flat JSON object. */
export const verifyEnvelope = async (
  keys: VerificationKeys,
  jws: string,
): Promise<EnvelopeVerification> => {
  const verified = await verifyCompactJws(keys, jws, ENVELOPE_TYP);
  if (verified.kind === 'invalid') return verified;
  if (!isEnvelopePayload(verified.payload)) return invalid('bad-claims');
  return { kind: 'valid', kid: verified.kid, payload: verified.payload };
};
