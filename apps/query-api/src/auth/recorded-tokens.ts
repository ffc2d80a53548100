import { KeyedLock, accessTokenAggregate, catchUp, type Loaded } from '@lic/command-pipeline';
import type { Clock } from '@lic/clock';
import {
  ACCESS_TOKENS_ID,
  refusalOf,
  type AccessTokensState,
  type TokenRefusal,
} from '@lic/domain';
import { EventStoreUnavailableError, type EventStore } from '@lic/event-store';

/** Whether a token id is recorded as issued and not revoked (the admin-tokens stream). */
export interface RecordedTokens {
  refusal(tokenId: string): Promise<TokenRefusal | null>;
}

/** While the store does not answer: how old the state last read may be and still be used. */
export const STALE_TOKENS_MAX_MS = 60_000;
/** While the store does not answer: how long to wait before trying it again. */
const RETRY_AFTER_MS = 1_000;

/**
 * Reads the admin-tokens stream the command API writes: at every check, the events after the
 * revision last read (normally none) — so a revocation recorded through any command-api replica
 * is refused here from the next request on, with no cache bound. One read at a time.
 *
 * The query API serves its read models while the event store is down; so do its token checks,
 * for a while: when the store does not answer, the state read at most STALE_TOKENS_MAX_MS ago
 * is used (nothing can be revoked while the store is down; only a revocation recorded between
 * that read and the outage is missed), the store tried again at most every second; after
 * that the request is a 503 EVENT_STORE_UNAVAILABLE.
 */
export class StreamRecordedTokens implements RecordedTokens {
  private loaded: Loaded<AccessTokensState> = {
    state: accessTokenAggregate.decider.initialState,
    revision: null,
    snapshotRevision: null,
    eventsRead: 0,
  };
  private readAt = Number.NEGATIVE_INFINITY;
  private failedAt = Number.NEGATIVE_INFINITY;
  private readonly lock = new KeyedLock();

  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  async refusal(tokenId: string): Promise<TokenRefusal | null> {
    const state = await this.lock.run(ACCESS_TOKENS_ID, () => this.fresh());
    return refusalOf(state, tokenId, this.clock.now());
  }

  private async fresh(): Promise<AccessTokensState> {
    const startedAt = this.clock.now();
    const usable = startedAt - this.readAt <= STALE_TOKENS_MAX_MS;
    if (usable && startedAt - this.failedAt < RETRY_AFTER_MS) return this.loaded.state;
    try {
      this.loaded = await catchUp(this.store, accessTokenAggregate, ACCESS_TOKENS_ID, this.loaded);
      this.readAt = startedAt;
      return this.loaded.state;
    } catch (error) {
      if (!(error instanceof EventStoreUnavailableError) || !usable) throw error;
      this.failedAt = this.clock.now();
      return this.loaded.state;
    }
  }
}
