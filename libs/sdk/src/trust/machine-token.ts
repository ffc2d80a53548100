import * as t from 'io-ts';
import { isRight } from 'fp-ts/Either';
import { LicenseStatus } from '../license/license-status';
import { isRejected, rejected, verifyJws, type Rejected } from './jws';
import type { Jwks } from './jwks';

export const MACHINE_TOKEN_TYP = 'machine+jwt';
export const MACHINE_TOKEN_AUDIENCE = 'license-client';

const Claims = t.type({
  iss: t.string,
  sub: t.string,
  aud: t.string,
  jti: t.string,
  iat: t.Int,
  exp: t.Int,
  machineFingerprint: t.string,
  activationId: t.string,
  status: LicenseStatus,
  offline_days: t.number,
});

/** A machine token's claims (M4, O1); times in epoch ms. */
export interface MachineTokenClaims {
  readonly licenseId: string;
  readonly activationId: string;
  readonly fingerprint: string;
  readonly tokenId: string;
  readonly issuedAt: number;
  readonly expiresAt: number;
  readonly status: LicenseStatus;
  readonly offlineDays: number;
}

export type MachineTokenCheck =
  { readonly kind: 'valid' | 'expired'; readonly claims: MachineTokenClaims } | Rejected;

/** Signature, alg, typ, kid and audience; then a live token told from an expired one. */
export const verifyMachineToken = async (
  jwks: Jwks,
  token: string,
  now: number,
): Promise<MachineTokenCheck> => {
  const jws = await verifyJws(jwks, token, MACHINE_TOKEN_TYP);
  if (isRejected(jws)) return jws;
  const decoded = Claims.decode(jws.payload);
  if (!isRight(decoded)) return rejected('bad-claims');
  const c = decoded.right;
  if (c.aud !== MACHINE_TOKEN_AUDIENCE) return rejected('wrong-audience');
  const claims: MachineTokenClaims = {
    licenseId: c.sub,
    activationId: c.activationId,
    fingerprint: c.machineFingerprint,
    tokenId: c.jti,
    issuedAt: c.iat * 1000,
    expiresAt: c.exp * 1000,
    status: c.status,
    offlineDays: c.offline_days,
  };
  return { kind: now < claims.expiresAt ? 'valid' : 'expired', claims };
};
