import * as E from 'fp-ts/Either';
import { AggregateRepository, accessTokenAggregate } from '@lic/command-pipeline';
import type { Clock } from '@lic/clock';
import {
  ACCESS_TOKENS_ID,
  refusalOf,
  type AccessRole,
  type AccessTokenCommand,
  type AccessTokenEvent,
  type AccessTokenRecord,
  type AccessTokensState,
  type Actor,
  type DomainError,
  type TokenRefusal,
} from '@lic/domain';
import type { EventMetadata, EventStore, SnapshotStore } from '@lic/event-store';

export interface TokenToRecord {
  readonly tokenId: string;
  readonly roles: readonly AccessRole[];
  readonly subject: string;
  readonly label: string | null;
  readonly expiresAt: number;
  readonly actor: Actor;
}

export interface Recorded {
  /** The domain's refusal, or the record as it stands after the decision. */
  readonly outcome: E.Either<DomainError, AccessTokenRecord>;
  /** Global position of the event appended; null when nothing was appended. */
  readonly position: bigint | null;
}

/**
 * The admin-tokens stream: issuance and revocation of access tokens, and the check every
 * authenticated operator request makes. `accepts` reads the stream's tail after the revision
 * this process last saw (one read of normally zero events) on every call: a revocation
 * recorded by any replica is seen by the next request on every replica, with no cache bound.
 */
export class AccessTokenRegistry {
  private readonly repository: AggregateRepository<
    AccessTokenCommand,
    AccessTokenEvent,
    AccessTokensState
  >;

  constructor(
    store: EventStore,
    snapshots: SnapshotStore,
    private readonly clock: Clock,
  ) {
    this.repository = new AggregateRepository(store, snapshots, accessTokenAggregate, clock, {
      cacheSize: 1,
      snapshotEvery: Number.MAX_SAFE_INTEGER,
    });
  }

  async issue(token: TokenToRecord, metadata: EventMetadata): Promise<Recorded> {
    return this.decide({ type: 'IssueAccessToken', ...token, roles: [...token.roles] }, metadata);
  }

  async revoke(tokenId: string, actor: Actor, metadata: EventMetadata): Promise<Recorded> {
    return this.decide({ type: 'RevokeAccessToken', tokenId, actor }, metadata);
  }

  /** Every token recorded, newest first. */
  async list(): Promise<readonly AccessTokenRecord[]> {
    const { state } = await this.repository.load(ACCESS_TOKENS_ID);
    return Object.values(state.tokens).sort(
      (a, b) => b.issuedAt.localeCompare(a.issuedAt) || a.tokenId.localeCompare(b.tokenId),
    );
  }

  async find(tokenId: string): Promise<AccessTokenRecord | null> {
    const { state } = await this.repository.load(ACCESS_TOKENS_ID);
    return state.tokens[tokenId] ?? null;
  }

  /** Why the token with this id is refused now, or null when it is accepted. */
  async accepts(tokenId: string): Promise<TokenRefusal | null> {
    const { state } = await this.repository.load(ACCESS_TOKENS_ID);
    return refusalOf(state, tokenId, this.clock.now());
  }

  private async decide(command: AccessTokenCommand, metadata: EventMetadata): Promise<Recorded> {
    const decided = await this.repository.handle(ACCESS_TOKENS_ID, command, metadata);
    if (E.isLeft(decided.outcome)) return { outcome: decided.outcome, position: null };
    const record = decided.state.tokens[command.tokenId];
    if (!record) throw new Error(`token ${command.tokenId} is not in the state after its decision`);
    return { outcome: E.right(record), position: decided.position };
  }
}
