import { decodeProtectedHeader } from 'jose';
import { verifyEnvelope, type EnvelopePayload } from './envelope';
import { isRejected, type Rejected } from './jws';
import type { Jwks } from './jwks';
import { verifyMachineToken, type MachineTokenClaims } from './machine-token';
import { untrusted } from '../errors/license-error';
import type { Clock } from '../time/clock';
import type { JwksCache } from './jwks-cache';

export interface TokenExpectations {
  readonly fingerprint: string;
  readonly licenseId?: string;
  readonly activationId?: string;
}

export interface VerifiedToken {
  readonly claims: MachineTokenClaims;
  /** Genuine, but past its `exp`. */
  readonly expired: boolean;
}

const kidOf = (jws: string): string | undefined => {
  try {
    const kid = decodeProtectedHeader(jws).kid;
    return typeof kid === 'string' ? kid : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Checks every signed answer against the server's JWKS before anything in it is used: machine
 * tokens (EdDSA, typ machine+jwt, and bound to this machine and license) and the signed
 * envelopes of checkout and checkin. Whatever fails is refused with UNTRUSTED_RESPONSE.
 */
export class Verifier {
  constructor(
    private readonly jwks: JwksCache,
    private readonly clock: Clock,
  ) {}

  /** With `offline`, only the keys already known are used (no fetch). */
  async machineToken(
    token: string,
    expect: TokenExpectations,
    options: { readonly offline?: boolean } = {},
  ): Promise<VerifiedToken> {
    const verified = await this.withKeys(
      token,
      (keys) => verifyMachineToken(keys, token, this.clock.now()),
      options.offline ?? false,
    );
    const { claims } = verified;
    if (claims.fingerprint !== expect.fingerprint) {
      throw untrusted('the token was issued to another machine (machineFingerprint)');
    }
    if (expect.licenseId !== undefined && claims.licenseId !== expect.licenseId) {
      throw untrusted('the token belongs to another license (sub)');
    }
    if (expect.activationId !== undefined && claims.activationId !== expect.activationId) {
      throw untrusted('the token belongs to another activation');
    }
    return { claims, expired: verified.kind === 'expired' };
  }

  /**
   * The envelope's payload, which must be the answer itself: every field of `body` but
   * `envelope` equal to the signed one, nothing missing, nothing added.
   */
  async envelope(body: Readonly<Record<string, unknown>>, type: string): Promise<EnvelopePayload> {
    if (typeof body.envelope !== 'string') throw untrusted(`the ${type} answer is not signed`);
    const { payload } = await this.withKeys(body.envelope, (keys) =>
      verifyEnvelope(keys, body.envelope as string),
    );
    const fields = Object.keys(body).filter((k) => k !== 'envelope');
    const same =
      fields.length === Object.keys(payload).length &&
      fields.every((k) => Object.hasOwn(payload, k) && payload[k] === body[k]);
    if (!same) throw untrusted(`the ${type} answer differs from its signed envelope`);
    if (payload.type !== type)
      throw untrusted(`the envelope is a ${String(payload.type)}, not a ${type}`);
    return payload;
  }

  private async withKeys<T extends { readonly kind: string }>(
    jws: string,
    verify: (keys: Jwks) => Promise<T | Rejected>,
    offline = false,
  ): Promise<Exclude<T, Rejected>> {
    const known = offline ? this.jwks.current : await this.jwks.keys();
    if (known === null) throw untrusted('no signing keys of the server are known yet');
    let result = await verify(known);
    if (isRejected(result) && result.reason === 'unknown-kid' && !offline) {
      const kid = kidOf(jws);
      if (kid !== undefined && (await this.jwks.refreshFor(kid))) {
        result = await verify(this.jwks.current ?? known);
      }
    }
    if (isRejected(result)) {
      throw untrusted(`a signed answer failed verification (${result.reason})`, {
        reason: result.reason,
      });
    }
    return result as Exclude<T, Rejected>;
  }
}
