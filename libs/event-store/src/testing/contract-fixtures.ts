import { randomUUID } from 'node:crypto';
import type {
  EventMetadata,
  EventPlace,
  NewEvent,
  RecordedEvent,
  Subscription,
} from '../event-store.port';

export const metadata = (overrides: Partial<EventMetadata> = {}): EventMetadata => ({
  correlationId: randomUUID(),
  causationId: null,
  actor: 'system:contract-test',
  ...overrides,
});

export const newEvent = (
  type = 'ContractTested.v1',
  data: Record<string, unknown> = {},
  meta: EventMetadata = metadata(),
): NewEvent => ({ id: randomUUID(), type, data, metadata: meta });

export const newEvents = (count: number, type = 'ContractTested.v1'): NewEvent[] =>
  Array.from({ length: count }, (_, i) => newEvent(type, { i }));

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

/** Stream names unique to one run (a real EventStoreDB keeps what earlier runs wrote). */
export function streamNamer(): (label: string) => string {
  const run = randomUUID().replace(/-/g, '').slice(0, 12);
  let n = 0;
  return (label) => `ct${run}-${label}-${(n++).toString(36)}`;
}

const never = Symbol('timeout');

/** Pulls from one subscription across several steps of a test, with time limits. */
export class SubscriptionProbe<T extends EventPlace = RecordedEvent> {
  private readonly iterator: AsyncIterator<T>;
  private pending: Promise<IteratorResult<T>> | undefined;
  readonly received: T[] = [];

  constructor(readonly subscription: Subscription<T>) {
    this.iterator = subscription[Symbol.asyncIterator]();
  }

  /** Waits until `predicate` holds for the events received so far. */
  async until(
    predicate: (received: readonly T[]) => boolean,
    timeoutMs = 15_000,
    onEvent?: (event: T) => void | Promise<void>,
  ): Promise<T[]> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<typeof never>((resolve) => {
      timer = setTimeout(() => resolve(never), timeoutMs);
    });
    try {
      while (!predicate(this.received)) {
        this.pending ??= this.iterator.next();
        const result = await Promise.race([this.pending, timeout]);
        if (result === never) {
          throw new Error(
            `subscription: condition not met after ${timeoutMs} ms (${this.received.length} events received)`,
          );
        }
        this.pending = undefined;
        if (result.done === true) throw new Error('subscription ended unexpectedly');
        this.received.push(result.value);
        await onEvent?.(result.value);
      }
      return this.received;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Receives `count` more events. */
  async take(count: number, timeoutMs?: number): Promise<T[]> {
    const target = this.received.length + count;
    await this.until((r) => r.length >= target, timeoutMs);
    return this.received.slice(target - count, target);
  }

  /** Asserts that nothing more arrives for a while (no duplicate, nothing filtered in). */
  async expectQuiet(ms: number): Promise<void> {
    const before = this.received.length;
    await this.until(() => false, ms).catch((error: Error) => {
      if (!error.message.includes('condition not met')) throw error;
    });
    if (this.received.length !== before) {
      const extra = this.received.slice(before).map((e) => `${e.streamName}@${e.revision}`);
      throw new Error(`expected no more events, got ${extra.join(', ')}`);
    }
  }

  /** Closes the subscription; the pending pull must then finish. */
  async close(): Promise<void> {
    await this.subscription.close();
  }

  /** Resolves with the iterator's next result (to check that close() ended the iteration). */
  next(): Promise<IteratorResult<T>> {
    const pending = this.pending ?? this.iterator.next();
    this.pending = undefined;
    return pending;
  }
}
