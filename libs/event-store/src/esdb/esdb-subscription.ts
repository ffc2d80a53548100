import {
  START,
  excludeSystemEvents,
  streamNameFilter,
  type AllStreamRecordedEvent,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type EventStoreDBClient,
} from '@eventstore/db-client';
import type { RecordedEvent, SubscribeToAllOptions, Subscription } from '../event-store.port';
import { isDomainEvent, matchesStreamPrefixes } from '../stream-names';
import { backoffMs, isTransportFailure, positionOf, toOwnEvent } from './esdb-mapping';

/**
 * A catch-up subscription to $all that survives transport failures. The client never retries:
 * a dropped call surfaces as an error on its stream. Then this subscribes again, after a short
 * backoff, from the last position it handed over (subscribeToAll resumes *after* the position
 * given), so the consumer's iteration goes on with no gap and no duplicate. Events this project
 * did not write (a shared KurrentDB) are skipped, as in readAll.
 */
export class EsdbSubscription implements Subscription {
  private readonly abort = new AbortController();
  private current: AllStreamSubscription | undefined;
  private iterated = false;

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly options: SubscribeToAllOptions,
    private readonly onClose: (subscription: EsdbSubscription) => void,
    private readonly onForeign?: (description: string) => void,
  ) {}

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    if (this.iterated) throw new Error('a subscription can be iterated only once');
    this.iterated = true;
    return this.run();
  }

  async close(): Promise<void> {
    this.abort.abort();
    this.onClose(this);
    const current = this.current;
    this.current = undefined;
    if (current !== undefined) await stop(current);
  }

  private open(after: bigint | undefined): AllStreamSubscription {
    const prefixes = this.options.streamPrefixes;
    return this.client.subscribeToAll({
      fromPosition: after === undefined ? START : { commit: after, prepare: after },
      // The server skips system events (or other streams); the check below stays as a guard.
      filter:
        prefixes === undefined || prefixes.length === 0
          ? excludeSystemEvents()
          : streamNameFilter({ prefixes: [...prefixes] }),
    });
  }

  private wanted(event: AllStreamResolvedEvent['event']): event is AllStreamRecordedEvent {
    return (
      event !== undefined &&
      isDomainEvent(event.streamId, event.type) &&
      matchesStreamPrefixes(event.streamId, this.options.streamPrefixes)
    );
  }

  private async *run(): AsyncGenerator<RecordedEvent, void, undefined> {
    const signal = this.abort.signal;
    let last = this.options.after;
    let failures = 0;
    try {
      while (!signal.aborted) {
        const subscription = this.open(last);
        this.current = subscription;
        try {
          for await (const resolved of subscription as AsyncIterable<AllStreamResolvedEvent>) {
            if (signal.aborted) return;
            if (!this.wanted(resolved.event)) continue;
            const position = positionOf(resolved.event);
            if (last !== undefined && position <= last) continue; // never hand one over twice
            const event = toOwnEvent(resolved.event, this.onForeign);
            last = position; // an event of another application is passed over, once
            failures = 0;
            if (event !== null) yield event;
          }
          failures++; // the server ended the call: subscribe again
        } catch (error) {
          if (signal.aborted) return;
          if (!isTransportFailure(error)) throw error;
          failures++;
        } finally {
          if (this.current === subscription) this.current = undefined;
          await stop(subscription);
        }
        await sleep(backoffMs(failures), signal);
      }
    } finally {
      this.abort.abort();
      this.onClose(this);
    }
  }
}

/** Cancels the call and ends the readable, so a pending `for await` returns. */
async function stop(subscription: AllStreamSubscription): Promise<void> {
  if (subscription.destroyed) return;
  await subscription.unsubscribe().catch(() => undefined);
  subscription.destroy();
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
