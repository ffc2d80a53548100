import type { StreamingRead } from '@eventstore/db-client';

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
