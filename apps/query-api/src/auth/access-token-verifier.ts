import { verifyAccessToken, type KeyRing } from '@lic/signing';
import type { Clock } from '@lic/clock';
import type { RecordedTokens } from './recorded-tokens';

export type Role = 'admin' | 'auditor';

export interface Principal {
  readonly subject: string;
  readonly roles: readonly Role[];
}

export type Verification =
  | { readonly kind: 'valid'; readonly principal: Principal }
  | {
      readonly kind: 'invalid';
      readonly reason: string;
      /** The error code and message to answer with (default INVALID_TOKEN, from the reason). */
      readonly code?: 'TOKEN_REVOKED' | 'INVALID_TOKEN';
      readonly message?: string;
    };

/**
 * The one thing the query API needs from access tokens: who, and with which roles. The guard
 * depends on this interface only.
 */
export interface AccessTokenVerifier {
  verify(token: string): Promise<Verification>;
}

const RELOAD_AT_MOST_EVERY_MS = 30_000;

/**
 * Verifies EdDSA access tokens (typ at+jwt) with the key ring the command API signs with
 * (shared SIGNING_KEYS_DIR). A token signed by a key this process has not seen yet (a
 * rotation) makes it re-read the directory, at most every 30 s. With `recorded`, a token with an
 * id (jti) must also be recorded as issued and not revoked; one without an id (minted before
 * tokens were recorded) is accepted until it expires.
 */
export class KeyRingAccessTokenVerifier implements AccessTokenVerifier {
  private lastReload = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly ring: KeyRing,
    private readonly clock: Clock,
    private readonly recorded?: RecordedTokens,
  ) {}

  async verify(token: string): Promise<Verification> {
    let result = await verifyAccessToken(this.ring, token, this.clock.now());
    if (result.kind === 'invalid' && result.reason === 'unknown-kid') {
      const now = this.clock.now();
      if (now - this.lastReload >= RELOAD_AT_MOST_EVERY_MS) {
        this.lastReload = now;
        await this.ring.reload();
        result = await verifyAccessToken(this.ring, token, now);
      }
    }
    if (result.kind === 'invalid') return { kind: 'invalid', reason: result.reason };
    if (result.tokenId !== null && this.recorded !== undefined) {
      const refused = await this.recorded.refusal(result.tokenId);
      if (refused !== null) {
        return { kind: 'invalid', ...refused };
      }
    }
    return { kind: 'valid', principal: { subject: result.subject, roles: result.roles } };
  }
}
