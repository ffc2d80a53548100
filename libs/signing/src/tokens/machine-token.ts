import * as t from 'io-ts';
import { isRight } from 'fp-ts/Either';
import type { KeyRing } from '../keys/key-ring';
import { signCompactJws, verifyCompactJws } from '../jws/compact-jws';
import type { VerificationKeys } from '../jws/verification-keys';
import { invalid } from '../jws/verification-result';
import type { Invalid } from '../jws/verification-result';

/** Seed 002: the token a machine receives on activation and keeps for offline use (O1, M4). */
export const MACHINE_TOKEN_TYP = 'machine+jwt';
export const MACHINE_TOKEN_AUDIENCE = 'license-client';

const MachineTokenStatus = t.keyof({
  active: null,
  degraded: null,
  suspended: null,
  revoked: null,
  expired: null,
});
export type MachineTokenStatus = t.TypeOf<typeof MachineTokenStatus>;

/** Times are epoch ms; the JWT carries whole seconds, so they come back rounded down. */
export interface MachineTokenClaims {
  readonly issuer: string;
  readonly licenseId: string;
  readonly activationId: string;
  readonly fingerprint: string;
  readonly tokenId: string;
  readonly issuedAt: number;
  readonly expiresAt: number;
  readonly status: MachineTokenStatus;
  readonly offlineDays: number;
}

const MachineJwtClaims = t.type({
  iss: t.string,
  sub: t.string,
  aud: t.string,
  jti: t.string,
  iat: t.Int,
  exp: t.Int,
  machineFingerprint: t.string,
  activationId: t.string,
  status: MachineTokenStatus,
  offline_days: t.number,
});
type MachineJwtClaims = t.TypeOf<typeof MachineJwtClaims>;

const seconds = (ms: number): number => Math.floor(ms / 1000);

const toJwt = (c: MachineTokenClaims): MachineJwtClaims => ({
  iss: c.issuer,
  sub: c.licenseId,
  aud: MACHINE_TOKEN_AUDIENCE,
  jti: c.tokenId,
  iat: seconds(c.issuedAt) as t.Int,
  exp: seconds(c.expiresAt) as t.Int,
  machineFingerprint: c.fingerprint,
  activationId: c.activationId,
  status: c.status,
  offline_days: c.offlineDays,
});

const fromJwt = (j: MachineJwtClaims): MachineTokenClaims => ({
  issuer: j.iss,
  licenseId: j.sub,
  activationId: j.activationId,
  fingerprint: j.machineFingerprint,
  tokenId: j.jti,
  issuedAt: j.iat * 1000,
  expiresAt: j.exp * 1000,
  status: j.status,
  offlineDays: j.offline_days,
});

/**
 * A compact JWT, header {"alg":"EdDSA","kid":…,"typ":"machine+jwt"}, claims in canonical
 * (sorted) order: the same claims and key always give the same bytes. `kid` signs with a
 * retired key of the ring, to replay an earlier answer exactly.
 */
export const signMachineToken = (
  ring: KeyRing,
  claims: MachineTokenClaims,
  options: { readonly kid?: string } = {},
): Promise<string> => signCompactJws(ring, MACHINE_TOKEN_TYP, toJwt(claims), options.kid);

export type MachineTokenVerification =
  | { readonly kind: 'valid'; readonly kid: string; readonly claims: MachineTokenClaims }
  /** Genuine, but `now` is at or past `exp`: the caller answers TOKEN_EXPIRED with these claims. */
  | { readonly kind: 'expired'; readonly kid: string; readonly claims: MachineTokenClaims }
  | Invalid;

/** Verifies signature, alg, typ, kid and audience; then tells a live token from an expired one. */
export const verifyMachineToken = async (
  keys: VerificationKeys,
  token: string,
  now: number,
): Promise<MachineTokenVerification> => {
  const jws = await verifyCompactJws(keys, token, MACHINE_TOKEN_TYP);
  if (jws.kind === 'invalid') return jws;
  const decoded = MachineJwtClaims.decode(jws.payload);
  if (!isRight(decoded)) return invalid('bad-claims');
  if (decoded.right.aud !== MACHINE_TOKEN_AUDIENCE) return invalid('wrong-audience');
  const claims = fromJwt(decoded.right);
  return { kind: now < claims.expiresAt ? 'valid' : 'expired', kid: jws.kid, claims };
};
