import * as E from 'fp-ts/Either';
import type {
  AccessRole,
  AccessTokenRecord,
  AccessTokenStatus,
  Actor,
  DomainError,
} from '@lic/domain';
import { accessTokenStatus, fromIso } from '@lic/domain';
import type { EventMetadata } from '@lic/event-store';
import { signAccessToken, type KeyRing } from '@lic/signing';
import type { AccessTokenRegistry } from './access-token-registry';

const HOUR = 3_600_000;

export interface TokenRequest {
  /** A fresh random id: the token's `jti`, under which it is recorded. */
  readonly tokenId: string;
  readonly issuer: string;
  readonly subject: string;
  readonly roles: readonly AccessRole[];
  readonly label: string | null;
  readonly ttlHours: number;
  readonly actor: Actor;
  /** Epoch ms, from the caller's clock. */
  readonly now: number;
}

export interface Minted {
  readonly token: string;
  readonly record: AccessTokenRecord;
  readonly position: bigint | null;
}

/**
 * Records the token's issuance first (AdminTokenIssued.v1: its id, roles, subject, label and
 * lifetime — never the token), then signs it with the recorded instants, so a token exists
 * only once its record does.
 */
export const mintRecordedToken = async (
  registry: AccessTokenRegistry,
  ring: KeyRing,
  request: TokenRequest,
  metadata: EventMetadata,
): Promise<E.Either<DomainError, Minted>> => {
  const { tokenId, issuer, subject, roles, label, ttlHours, actor, now } = request;
  const recorded = await registry.issue(
    { tokenId, roles, subject, label, expiresAt: now + ttlHours * HOUR, actor },
    metadata,
  );
  if (E.isLeft(recorded.outcome)) return recorded.outcome;
  const record = recorded.outcome.right;
  const token = await signAccessToken(ring, {
    issuer,
    subject,
    roles,
    issuedAt: fromIso(record.issuedAt),
    expiresAt: fromIso(record.expiresAt),
    tokenId,
  });
  return E.right({ token, record, position: recorded.position });
};

/** A recorded token as the admin API shows it: never the token itself. */
export const tokenView = (record: AccessTokenRecord, now: number) => ({
  token_id: record.tokenId,
  subject: record.subject,
  roles: record.roles,
  label: record.label,
  issued_at: record.issuedAt,
  expires_at: record.expiresAt,
  issued_by: `${record.issuedBy.kind}:${record.issuedBy.id}`,
  revoked_at: record.revokedAt,
  revoked_by: record.revokedBy === null ? null : `${record.revokedBy.kind}:${record.revokedBy.id}`,
  status: accessTokenStatus(record, now) satisfies AccessTokenStatus,
});
