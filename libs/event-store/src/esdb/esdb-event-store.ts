import {
  BACKWARDS,
  END,
  FORWARDS,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type EventData,
  type EventStoreDBClient,
} from '@eventstore/db-client';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CallGate } from '../call-gate';
import {
  EventStoreUnavailableError,
  WrongExpectedRevisionError,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeToAllOptions,
  type EventPlace,
  type Subscription,
} from '../event-store.port';
import { placesOf } from '../event-places';
import { assertAppendable } from '../stream-names';
import { Deadline } from './esdb-deadline';
import {
  backoffMs,
  isTransportFailure,
  positionOf,
  toClientExpectedRevision,
  toEventData,
  toOwnEvent,
  toRecordedEvent,
} from './esdb-mapping';
import { iterateWithin } from './esdb-read';
import { EsdbSubscription } from './esdb-subscription';

/** Events per $all read request; readAll pages through $all. */
const READ_ALL_PAGE = 500;
const PING_TIMEOUT_MS = 5_000;
/** A stream the readiness probe reads: it need not exist. */
const PING_STREAM = 'readiness-probe';

export interface EsdbCallSettings {
  /**
   * Longest a call may go without an answer, retries after connection failures included;
   * past it the call fails with EventStoreUnavailableError.
   */
  readonly deadlineMs: number;
  /** Told about each event of $all that this project did not write (and that is skipped). */
  readonly onForeignEvent?: (description: string) => void;
}

/**
 * The EventStore port over KurrentDB / EventStoreDB (20.10+; positions on stream reads need
 * 22.6+). Every call has a deadline; connection failures are retried within it (appends with
 * the same event ids, which the server recognises; reads from where they stopped). Calls go
 * through the gate: close() waits for them and refuses later ones.
 */
export class EsdbEventStore implements EventStore {
  private readonly subscriptions = new Set<EsdbSubscription>();

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly gate: CallGate,
    private readonly settings: EsdbCallSettings,
  ) {}

  async appendToStream(
    streamName: string,
    events: readonly NewEvent[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult> {
    assertAppendable(streamName, events);
    const data = events.map(toEventData);
    const what = `append to ${streamName}`;
    return this.gate.run(what, () => this.append(what, streamName, data, expectedRevision));
  }

  private async append(
    what: string,
    streamName: string,
    data: EventData[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult> {
    const deadline = new Deadline(this.settings.deadlineMs, what);
    const expected = toClientExpectedRevision(expectedRevision);
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await deadline.race(
          this.client.appendToStream(streamName, data, {
            expectedRevision: expected,
            deadline: deadline.remainingMs,
          }),
        );
        if (result.position === undefined) {
          throw new Error(`${what}: the server returned no position`);
        }
        return {
          nextExpectedRevision: result.nextExpectedRevision,
          position: result.position.commit,
        };
      } catch (error) {
        if (error instanceof WrongExpectedVersionError) {
          throw new WrongExpectedRevisionError(streamName, expectedRevision, error.actualVersion);
        }
        await this.beforeRetry(error, attempt, deadline);
      }
    }
  }

  /** Rethrows what retrying cannot help; otherwise waits a little (within the deadline). */
  private async beforeRetry(error: unknown, attempt: number, deadline: Deadline): Promise<void> {
    if (error instanceof EventStoreUnavailableError) throw error;
    if (!isTransportFailure(error)) throw error;
    if (this.gate.closed) throw deadline.unavailable(error);
    const pause = backoffMs(attempt);
    if (deadline.remainingMs <= pause) throw deadline.unavailable(error);
    await sleep(pause);
  }

  readStream(
    streamName: string,
    options: ReadStreamOptions = {},
  ): AsyncGenerator<RecordedEvent, void, undefined> {
    return this.gate.iterate(`read ${streamName}`, () =>
      this.readStreamResuming(streamName, options),
    );
  }

  /** A stream read that picks up after the last event it handed over when the connection fails. */
  private async *readStreamResuming(
    streamName: string,
    options: ReadStreamOptions,
  ): AsyncGenerator<RecordedEvent, void, undefined> {
    const backwards = options.direction === 'backwards';
    let remaining = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    let from: bigint | typeof START | typeof END =
      options.fromRevision ?? (backwards ? END : START);
    const deadline = new Deadline(this.settings.deadlineMs, `read ${streamName}`);
    for (let attempt = 1; remaining > 0; attempt++) {
      const read = this.client.readStream(streamName, {
        direction: backwards ? BACKWARDS : FORWARDS,
        fromRevision: from,
        maxCount: remaining,
      });
      try {
        for await (const resolved of iterateWithin(read, deadline)) {
          if (resolved.event === undefined) continue;
          const event = toRecordedEvent(resolved.event);
          yield event;
          deadline.renew();
          remaining--;
          if (backwards && event.revision === 0n) return;
          from = backwards ? event.revision - 1n : event.revision + 1n;
        }
        return;
      } catch (error) {
        if (error instanceof StreamNotFoundError) return; // raised while iterating, not on call
        await this.beforeRetry(error, attempt, deadline);
      }
    }
  }

  /**
   * In pages of $all. The 6.x client sends no server-side filter for reads, so system events,
   * snapshots and events other applications wrote are skipped on this side. A forwards read
   * starts *at* the position given, so the event at `after` itself is skipped too.
   */
  readAll(options: ReadAllOptions = {}): AsyncGenerator<RecordedEvent, void, undefined> {
    return this.gate.iterate('read $all', () => this.readAllPages(options));
  }

  private async *readAllPages(
    options: ReadAllOptions,
  ): AsyncGenerator<RecordedEvent, void, undefined> {
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    let after = options.after;
    const deadline = new Deadline(this.settings.deadlineMs, 'read $all');
    for (let attempt = 1; remaining > 0;) {
      const page = this.client.readAll({
        direction: FORWARDS,
        fromPosition: after === undefined ? START : { commit: after, prepare: after },
        maxCount: READ_ALL_PAGE,
      });
      let seen = 0;
      try {
        for await (const resolved of iterateWithin(page, deadline)) {
          seen++;
          const event = resolved.event;
          if (event === undefined) continue;
          const position = positionOf(event);
          if (after !== undefined && position <= after) continue;
          after = position;
          attempt = 1;
          const own = toOwnEvent(event, this.settings.onForeignEvent);
          if (own !== null) {
            yield own;
            if (--remaining <= 0) return;
          }
          deadline.renew(); // progress: the allowance starts again for the next event
        }
      } catch (error) {
        await this.beforeRetry(error, attempt++, deadline);
        continue; // the next page starts after the last event seen
      }
      if (seen < READ_ALL_PAGE) return;
    }
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): Subscription {
    this.gate.enter('subscribe to $all');
    const subscription = new EsdbSubscription(
      this.client,
      options,
      (closed) => this.subscriptions.delete(closed),
      this.settings.onForeignEvent,
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  subscribeToPlaces(options: SubscribeToAllOptions = {}): Subscription<EventPlace> {
    return placesOf(this.subscribeToAll(options));
  }

  async ping(): Promise<void> {
    const deadline = new Deadline(Math.min(PING_TIMEOUT_MS, this.settings.deadlineMs), 'ping');
    await this.gate.run('ping', () =>
      deadline.race(
        (async () => {
          const read = this.client.readStream(PING_STREAM, { maxCount: 1 });
          try {
            for await (const _ of iterateWithin(read, deadline)) break;
          } catch (error) {
            if (!(error instanceof StreamNotFoundError)) throw error;
          }
        })(),
      ),
    );
  }

  /**
   * Refuses new calls, waits for those in flight (snapshot saves included: the snapshot store
   * shares the gate), ends the subscriptions, then releases the client's streams.
   */
  async close(): Promise<void> {
    await this.gate.close();
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    await this.client.dispose();
  }
}
