import { Inject, Injectable } from '@nestjs/common';
import type { Config } from '@lic/config';
import { fromIso, offlineDays, type TokenGrant } from '@lic/domain';
import type { LicenseFacts } from '../commands/license-use-case';
import {
  canonicalJson,
  sha256Hex,
  signEnvelope,
  signMachineToken,
  type EnvelopePayload,
  type JsonValue,
  type KeyRing,
} from '@lic/signing';
import { CONFIG, KEY_RING } from '../infrastructure/tokens';

/**
 * Signs what the command API answers with. The key is the one that was current at the
 * instant the answer was decided, so replaying a decision (F6) reproduces the same bytes even
 * after a key rotation.
 */
@Injectable()
export class Signer {
  constructor(
    @Inject(KEY_RING) private readonly ring: KeyRing,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  /** The newest key generated at or before `at` (the current key if none is dated). */
  kidAt(at: number): string {
    const dated = this.ring
      .jwks()
      .keys.map((k) => this.ring.get(k.kid))
      .filter((k) => k !== undefined && k.createdAt !== null && k.createdAt <= at)
      .sort((a, b) => (b?.createdAt ?? 0) - (a?.createdAt ?? 0));
    return dated[0]?.kid ?? this.ring.current.kid;
  }

  envelope(payload: EnvelopePayload, decidedAt: number): Promise<string> {
    return signEnvelope(this.ring, payload, { kid: this.kidAt(decidedAt) });
  }

  /** M4: the machine's token carries its fingerprint in the machineFingerprint claim. */
  machineToken(
    license: Pick<LicenseFacts, 'licenseId' | 'offlineDays'>,
    activationId: string,
    fingerprint: string,
    grant: TokenGrant,
  ): Promise<string> {
    const issuedAt = fromIso(grant.issuedAt);
    return signMachineToken(
      this.ring,
      {
        issuer: this.config.PUBLIC_URL,
        licenseId: license.licenseId,
        activationId,
        fingerprint,
        tokenId: grant.tokenId,
        issuedAt,
        expiresAt: fromIso(grant.expiresAt),
        status: grant.status,
        offlineDays: offlineDays(license.offlineDays, grant.status),
      },
      { kid: this.kidAt(issuedAt) },
    );
  }
}

/** F6: what an Idempotency-Key is bound to: the operation, the license and the decoded body. */
export const requestHash = (operation: string, licenseId: string, body: JsonValue): string =>
  sha256Hex(canonicalJson({ operation, licenseId, body }));
