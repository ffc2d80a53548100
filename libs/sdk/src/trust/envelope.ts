import { isRejected, rejected, verifyJws, type Rejected } from './jws';
import type { Jwks } from './jwks';

/** Seed 001: checkout and checkin answers are signed runtime envelopes. */
export const ENVELOPE_TYP = 'license-envelope+jws';

export type EnvelopePayload = Readonly<Record<string, string | number | boolean | null>>;

const isScalar = (v: unknown): boolean =>
  v === null || ['string', 'number', 'boolean'].includes(typeof v);

/** EdDSA, typ license-envelope+jws, a known kid; the payload a flat JSON object. */
export const verifyEnvelope = async (
  jwks: Jwks,
  jws: string,
): Promise<{ readonly kind: 'valid'; readonly payload: EnvelopePayload } | Rejected> => {
  const verified = await verifyJws(jwks, jws, ENVELOPE_TYP);
  if (isRejected(verified)) return verified;
  const p = verified.payload;
  if (typeof p !== 'object' || p === null || Array.isArray(p)) return rejected('bad-claims');
  if (!Object.values(p as Record<string, unknown>).every(isScalar)) return rejected('bad-claims');
  return { kind: 'valid', payload: p as EnvelopePayload };
};
