import { badResponse, untrusted } from '../errors/license-error';
import { isRecord } from '../http/error-body';
import type { SdkContext } from '../context';
import { isLicenseStatus, stricter, type LicenseStatus } from './license-status';

/** An /activate or /validate answer, after its token was verified. */
export interface AcceptedToken {
  readonly licenseId: string;
  readonly activationId: string;
  readonly token: string;
  readonly refreshed: boolean;
  readonly status: LicenseStatus;
  readonly offlineDays: number;
  readonly expiresAt: number;
}

type Claims = Awaited<ReturnType<SdkContext['verifier']['machineToken']>>['claims'];

/**
 * The status and offline allowance an answer states. A signed answer (an `envelope` over every
 * field but the token, bound to this token and this machine) is taken as is: it is the
 * server's current word. Without one, the token's claims decide and the unsigned fields can
 * only make them stricter.
 */
const statusOf = async (
  ctx: SdkContext,
  answer: Readonly<Record<string, unknown>>,
  claims: Claims,
): Promise<{ status: LicenseStatus; offlineDays: number }> => {
  if (typeof answer.envelope === 'string') {
    const { token: _token, ...signedPart } = answer;
    const signed = await ctx.verifier.envelope(signedPart, 'machine.status');
    if (signed.token_id !== claims.tokenId || signed.fingerprint !== ctx.fingerprint) {
      throw untrusted('the signed answer is about another token or machine');
    }
    if (!isLicenseStatus(signed.status) || typeof signed.offline_days !== 'number') {
      throw badResponse('the signed answer lacks status or offline_days');
    }
    return { status: signed.status, offlineDays: signed.offline_days };
  }
  return {
    status: isLicenseStatus(answer.status) ? stricter(claims.status, answer.status) : claims.status,
    offlineDays:
      typeof answer.offline_days === 'number'
        ? Math.min(claims.offlineDays, answer.offline_days)
        : claims.offlineDays,
  };
};

/**
 * Reads `{valid, refreshed, license_id, activation_id, status, token, expires_at, offline_days}`
 * and trusts nothing in it until the token verifies against the JWKS and names this machine,
 * the license (the one already known, if any) and the activation. Status and allowance come
 * from the signed claims; the unsigned fields can only make them stricter.
 */
export const acceptTokenAnswer = async (
  ctx: SdkContext,
  answer: unknown,
  knownLicenseId: string | null,
): Promise<AcceptedToken> => {
  if (
    !isRecord(answer) ||
    typeof answer.token !== 'string' ||
    typeof answer.license_id !== 'string' ||
    typeof answer.activation_id !== 'string'
  ) {
    throw badResponse('the token answer lacks token, license_id or activation_id');
  }
  if (knownLicenseId !== null && answer.license_id !== knownLicenseId) {
    throw untrusted('the answer is about another license');
  }
  const { claims, expired } = await ctx.verifier.machineToken(answer.token, {
    fingerprint: ctx.fingerprint,
    licenseId: answer.license_id,
    activationId: answer.activation_id,
  });
  if (expired) throw untrusted('the server handed out an expired token');
  const { status, offlineDays } = await statusOf(ctx, answer, claims);
  return {
    licenseId: claims.licenseId,
    activationId: claims.activationId,
    token: answer.token,
    refreshed: answer.refreshed === true,
    status,
    offlineDays,
    expiresAt: claims.expiresAt,
  };
};
