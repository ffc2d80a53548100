import { KeyedLock, accessTokenAggregate, catchUp, type Loaded } from '@lic/command-pipeline';
import type { Clock } from '@lic/clock';
import {
  ACCESS_TOKENS_ID,
  refusalOf,
  type AccessTokensState,
  type TokenRefusal,
} from '@lic/domain';
import type { EventStore } from '@lic/event-store';

/** Whether a token id is recorded as issued and not revoked (the admin-tokens stream). */
export interface RecordedTokens {
  refusal(tokenId: string): Promise<TokenRefusal | null>;
}

/**
 * Reads the admin-tokens stream the command API writes: at every check, the events after the
 * revision last read (normally none) — so a revocation recorded through any command-api replica
 * is refused here from the next request on, with no cache bound. One read at a time.
 */
export class StreamRecordedTokens implements RecordedTokens {
  private loaded: Loaded<AccessTokensState> = {
    state: accessTokenAggregate.decider.initialState,
    revision: null,
    snapshotRevision: null,
    eventsRead: 0,
  };
  private readonly lock = new KeyedLock();

  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  async refusal(tokenId: string): Promise<TokenRefusal | null> {
    const { state } = await this.lock.run(ACCESS_TOKENS_ID, async () => {
      this.loaded = await catchUp(this.store, accessTokenAggregate, ACCESS_TOKENS_ID, this.loaded);
      return this.loaded;
    });
    return refusalOf(state, tokenId, this.clock.now());
  }
}
