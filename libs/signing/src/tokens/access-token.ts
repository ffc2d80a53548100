import * as t from 'io-ts';
import { isRight } from 'fp-ts/Either';
import type { KeyRing } from '../keys/key-ring';
import { signCompactJws, verifyCompactJws } from '../jws/compact-jws';
import type { VerificationKeys } from '../jws/verification-keys';
import { invalid } from '../jws/verification-result';
import type { Invalid } from '../jws/verification-result';

/** Bearer tokens of the admin and query APIs (RFC 9068 `typ`), for admins and auditors. */
export const ACCESS_TOKEN_TYP = 'at+jwt';
export const ACCESS_TOKEN_AUDIENCE = 'license-admin';

const Role = t.keyof({ admin: null, auditor: null });
export type Role = t.TypeOf<typeof Role>;

/** Times are epoch ms; the JWT carries whole seconds. */
export interface AccessTokenClaims {
  readonly issuer: string;
  readonly subject: string;
  readonly roles: readonly Role[];
  readonly issuedAt: number;
  readonly expiresAt: number;
  /** The token's id (`jti`), under which its issuance and revocation are recorded. */
  readonly tokenId?: string;
}

const AccessJwtClaims = t.intersection([
  t.type({
    iss: t.string,
    sub: t.string,
    aud: t.string,
    iat: t.Int,
    exp: t.Int,
    roles: t.array(Role),
  }),
  t.partial({ jti: t.string }),
]);

const seconds = (ms: number): number => Math.floor(ms / 1000);

/** A compact JWT with header typ "at+jwt"; deterministic like every signature here. */
export const signAccessToken = (ring: KeyRing, claims: AccessTokenClaims): Promise<string> =>
  signCompactJws(ring, ACCESS_TOKEN_TYP, {
    iss: claims.issuer,
    sub: claims.subject,
    aud: ACCESS_TOKEN_AUDIENCE,
    iat: seconds(claims.issuedAt),
    exp: seconds(claims.expiresAt),
    roles: claims.roles,
    ...(claims.tokenId === undefined ? {} : { jti: claims.tokenId }),
  });

export type AccessTokenVerification =
  | {
      readonly kind: 'valid';
      readonly kid: string;
      readonly issuer: string;
      readonly subject: string;
      readonly roles: readonly Role[];
      readonly expiresAt: number;
      /** The `jti` claim; null for a token minted before tokens were recorded. */
      readonly tokenId: string | null;
    }
  | Invalid;

/**
 * Accepts only typ "at+jwt" (a machine token or an envelope is refused as `wrong-typ`), alg
 * EdDSA, a known kid, the admin audience, and `now` before `exp` (else `expired`).
 */
export const verifyAccessToken = async (
  keys: VerificationKeys,
  token: string,
  now: number,
): Promise<AccessTokenVerification> => {
  const jws = await verifyCompactJws(keys, token, ACCESS_TOKEN_TYP);
  if (jws.kind === 'invalid') return jws;
  const decoded = AccessJwtClaims.decode(jws.payload);
  if (!isRight(decoded)) return invalid('bad-claims');
  const c = decoded.right;
  if (c.aud !== ACCESS_TOKEN_AUDIENCE) return invalid('wrong-audience');
  if (now >= c.exp * 1000) return invalid('expired');
  return {
    kind: 'valid',
    kid: jws.kid,
    issuer: c.iss,
    subject: c.sub,
    roles: c.roles,
    expiresAt: c.exp * 1000,
    tokenId: c.jti ?? null,
  };
};
