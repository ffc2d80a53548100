import { timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { AggregateRepository } from '@lic/command-pipeline';
import type { Clock } from '@lic/clock';
import type { IssuedLicense, LicenseCommand, LicenseEvent, LicenseState } from '@lic/domain';
import { hashLicenseKey, parseLicenseKey, verifyAccessToken, type KeyRing } from '@lic/signing';
import { ApiError } from '../http/api-error';
import {
  ACCESS_TOKEN_REGISTRY,
  CLOCK,
  KEY_RING,
  LICENSE_REPOSITORY,
} from '../infrastructure/tokens';
import type { AccessTokenRegistry } from './access-token-registry';

export type Role = 'admin' | 'auditor';

/** A client that presented a valid license key (`Authorization: License <key>`). */
export interface LicenseClient {
  readonly licenseId: string;
  readonly license: IssuedLicense;
}

/** An operator that presented a valid access token (`Authorization: Bearer <token>`). */
export interface Operator {
  readonly subject: string;
  readonly roles: readonly Role[];
  /** The token's recorded id (jti); null for a token minted before tokens were recorded. */
  readonly tokenId: string | null;
}

const scheme = (header: string | undefined, name: string): string | null => {
  if (header === undefined) return null;
  const match = /^(\S+) +(\S+)$/.exec(header.trim());
  return match && match[1]?.toLowerCase() === name.toLowerCase() ? (match[2] ?? null) : null;
};

const sameHash = (a: string, b: string): boolean =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Credentials (seed 000: a credential is not a seat). An access token with an id (jti) is
 * accepted only while the admin-tokens stream records it as issued and not revoked; one
 * without an id (minted before tokens were recorded) only until it expires. A license key names its license; it is
 * checked against the SHA-256 the license was issued with, in constant time. The key itself
 * is never logged nor stored.
 */
@Injectable()
export class Authenticator {
  constructor(
    @Inject(LICENSE_REPOSITORY)
    private readonly licenses: AggregateRepository<LicenseCommand, LicenseEvent, LicenseState>,
    @Inject(KEY_RING) private readonly ring: KeyRing,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ACCESS_TOKEN_REGISTRY) private readonly tokens: AccessTokenRegistry,
  ) {}

  async license(authorization: string | undefined): Promise<LicenseClient> {
    const key = scheme(authorization, 'License');
    if (key === null) {
      throw new ApiError('UNAUTHORIZED', 'send the license key as "Authorization: License <key>"');
    }
    const parsed = parseLicenseKey(key);
    if (parsed === null) throw new ApiError('INVALID_LICENSE_KEY', 'this is not a license key');
    const { state } = await this.licenses.peek(parsed.licenseId);
    if (state.kind !== 'issued') throw new ApiError('LICENSE_NOT_FOUND', 'no such license');
    if (!sameHash(hashLicenseKey(key), state.keyHash)) {
      throw new ApiError('INVALID_LICENSE_KEY', 'the license key is not valid');
    }
    return { licenseId: parsed.licenseId, license: state };
  }

  async operator(authorization: string | undefined, role: Role): Promise<Operator> {
    const token = scheme(authorization, 'Bearer');
    if (token === null) {
      throw new ApiError('UNAUTHORIZED', 'send an access token as "Authorization: Bearer <token>"');
    }
    const verified = await verifyAccessToken(this.ring, token, this.clock.now());
    if (verified.kind === 'invalid') {
      throw new ApiError('INVALID_TOKEN', `the access token is not valid (${verified.reason})`);
    }
    if (verified.tokenId !== null) {
      const refused = await this.tokens.accepts(verified.tokenId);
      if (refused !== null) throw new ApiError(refused.code, refused.message);
    }
    if (!verified.roles.includes(role)) {
      throw new ApiError('FORBIDDEN', `this needs the ${role} role`);
    }
    return { subject: verified.subject, roles: verified.roles, tokenId: verified.tokenId };
  }
}
