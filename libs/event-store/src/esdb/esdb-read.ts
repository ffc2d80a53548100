import type { StreamingRead } from '@eventstore/db-client';
import { EventStoreUnavailableError } from '../event-store.port';
import type { Deadline } from './esdb-deadline';

/**
 * Iterates a client read. If the consumer stops early, the call is cancelled and what the
 * client already buffered is drained: a read left half-consumed never ends, and the client's
 * dispose() would wait for it forever.
 */
export async function* iterateRead<T>(read: StreamingRead<T>): AsyncGenerator<T, void, undefined> {
  let ended = false;
  try {
    for await (const item of read.iterator({ destroyOnReturn: false }) as AsyncIterable<T>) {
      yield item;
    }
    ended = true;
  } finally {
    if (!ended && !read.destroyed) {
      await read.cancel();
      read.resume();
    }
  }
}

/**
 * Iterates a client read, each wait for the next event limited by the deadline: the client
 * gives reads no deadline of its own (it passes Infinity), so a node that stops answering would
 * leave the read waiting forever. On time-out the call is cancelled and the read torn down.
 */
export async function* iterateWithin<T>(
  read: StreamingRead<T>,
  deadline: Deadline,
): AsyncGenerator<T, void, undefined> {
  const iterator = iterateRead(read);
  let abandoned = false;
  try {
    for (;;) {
      let next: IteratorResult<T, void>;
      try {
        next = await deadline.race(iterator.next());
      } catch (error) {
        if (error instanceof EventStoreUnavailableError) {
          abandoned = true; // the pending pull ends with the stream torn down below
          void read.cancel().catch(() => undefined);
          read.destroy();
        }
        throw error;
      }
      if (next.done === true) return;
      yield next.value;
    }
  } finally {
    if (!abandoned) await iterator.return();
  }
}
