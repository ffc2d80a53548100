import {
  BACKWARDS,
  END,
  FORWARDS,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type EventStoreDBClient,
} from '@eventstore/db-client';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  WrongExpectedRevisionError,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeToAllOptions,
  type Subscription,
} from '../event-store.port';
import { assertAppendable, isDomainEvent } from '../stream-names';
import {
  backoffMs,
  isTransportFailure,
  positionOf,
  toClientExpectedRevision,
  toEventData,
  toRecordedEvent,
} from './esdb-mapping';
import { iterateRead } from './esdb-read';
import { EsdbSubscription } from './esdb-subscription';

/** Attempts of one append when the connection fails (ids make the retry idempotent). */
const APPEND_ATTEMPTS = 3;
/** Events per $all read request; readAll pages through $all. */
const READ_ALL_PAGE = 500;
const PING_TIMEOUT_MS = 5_000;
/** A stream the readiness probe reads: it need not exist. */
const PING_STREAM = 'readiness-probe';

/** The EventStore port over EventStoreDB (20.10+; positions on stream reads need 22.6+). */
export class EsdbEventStore implements EventStore {
  private readonly subscriptions = new Set<EsdbSubscription>();

  constructor(private readonly client: EventStoreDBClient) {}

  async appendToStream(
    streamName: string,
    events: readonly NewEvent[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult> {
    assertAppendable(streamName, events);
    const options = { expectedRevision: toClientExpectedRevision(expectedRevision) };
    const data = events.map(toEventData);
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await this.client.appendToStream(streamName, data, options);
        if (result.position === undefined) {
          throw new Error(`append to ${streamName}: the server returned no position`);
        }
        return {
          nextExpectedRevision: result.nextExpectedRevision,
          position: result.position.commit,
        };
      } catch (error) {
        if (error instanceof WrongExpectedVersionError) {
          throw new WrongExpectedRevisionError(streamName, expectedRevision, error.actualVersion);
        }
        if (attempt >= APPEND_ATTEMPTS || !isTransportFailure(error)) throw error;
        await sleep(backoffMs(attempt));
      }
    }
  }

  async *readStream(
    streamName: string,
    options: ReadStreamOptions = {},
  ): AsyncGenerator<RecordedEvent, void, undefined> {
    const backwards = options.direction === 'backwards';
    if (options.maxCount !== undefined && options.maxCount <= 0) return;
    const read = this.client.readStream(streamName, {
      direction: backwards ? BACKWARDS : FORWARDS,
      fromRevision: options.fromRevision ?? (backwards ? END : START),
      maxCount: options.maxCount ?? Number.MAX_SAFE_INTEGER,
    });
    try {
      for await (const resolved of iterateRead(read)) {
        if (resolved.event !== undefined) yield toRecordedEvent(resolved.event);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return; // raised while iterating, not on call
      throw error;
    }
  }

  /**
   * In pages of $all, skipping system events and snapshot streams on this side: the 6.x client
   * sends no server-side filter for reads. A forwards read starts *at* the position given, so
   * the event at `after` itself is skipped too.
   */
  async *readAll(options: ReadAllOptions = {}): AsyncGenerator<RecordedEvent, void, undefined> {
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    let after = options.after;
    while (remaining > 0) {
      const page = this.client.readAll({
        direction: FORWARDS,
        fromPosition: after === undefined ? START : { commit: after, prepare: after },
        maxCount: READ_ALL_PAGE,
      });
      let seen = 0;
      let lastSeen = after;
      for await (const resolved of iterateRead(page)) {
        seen++;
        const event = resolved.event;
        if (event === undefined) continue;
        const position = positionOf(event);
        if (after !== undefined && position <= after) continue;
        lastSeen = position;
        if (!isDomainEvent(event.streamId, event.type)) continue;
        yield toRecordedEvent(event);
        if (--remaining <= 0) return;
      }
      if (seen < READ_ALL_PAGE || lastSeen === after) return;
      after = lastSeen;
    }
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): Subscription {
    const subscription = new EsdbSubscription(this.client, options, (closed) =>
      this.subscriptions.delete(closed),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async ping(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`EventStoreDB did not answer within ${PING_TIMEOUT_MS} ms`)),
        PING_TIMEOUT_MS,
      );
    });
    const probe = (async () => {
      for await (const _ of this.readStream(PING_STREAM, { maxCount: 1 })) break;
    })();
    try {
      await Promise.race([probe, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    await this.client.dispose();
  }
}
