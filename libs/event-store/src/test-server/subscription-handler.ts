import { status } from '@grpc/grpc-js';
import { randomUUID } from 'node:crypto';
import type { InMemoryLog, LoggedEvent } from './in-memory-log';
import {
  caughtUpResponse,
  checkpointResponse,
  confirmationResponse,
  eventResponse,
} from './messages';
import { ReadRejected, type AllRead, type StreamRead } from './read-request';
import type { ResponseWriter } from './response-writer';

/** The events a subscription walks through: $all, or one stream (which may not exist yet). */
interface Source {
  length(): number;
  at(index: number): LoggedEvent;
}

function sourceOf(log: InMemoryLog, read: StreamRead | AllRead): { source: Source; start: number } {
  if (read.kind === 'all') {
    const start =
      read.from === 'start' ? 0 : read.from === 'end' ? log.size : log.indexAfter(read.from);
    return { source: { length: () => log.size, at: (i) => log.at(i) }, start };
  }
  const events = () => log.stream(read.streamName) ?? [];
  const source: Source = { length: () => events().length, at: (i) => events()[i] };
  // A stream subscription resumes after the given revision; revision n sits at index n.
  const start =
    read.from === 'start' ? 0 : read.from === 'end' ? source.length() : Number(read.from) + 1;
  return { source, start };
}

function nextAppend(log: InMemoryLog, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      off();
      signal.removeEventListener('abort', done);
      resolve();
    };
    const off = log.onAppend(done);
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * A catch-up subscription: confirmation, the stored events after the start point, CaughtUp,
 * then every new event as it is appended. $all subscriptions start *after* the given position,
 * stream subscriptions after the given revision, as on a real server. Filtered $all
 * subscriptions also report checkpoints (every checkpointInterval events looked at, and on
 * catching up). Runs until the client cancels or the server drops the call.
 */
export async function runSubscription(
  log: InMemoryLog,
  read: StreamRead | AllRead,
  writer: ResponseWriter,
  signal: AbortSignal,
): Promise<void> {
  if (read.kind === 'all' && typeof read.from === 'bigint' && !log.isRecordBoundary(read.from)) {
    throw new ReadRejected(status.INVALID_ARGUMENT, 'Trying to read from an invalid position.');
  }
  if (!(await writer.write(confirmationResponse(randomUUID())))) return;
  const { source, start } = sourceOf(log, read);
  const filter = read.kind === 'all' ? read.filter : undefined;
  let cursor = start;
  let scanned = 0;
  let lastScanned: bigint | undefined;
  let caughtUp = false;
  while (!signal.aborted) {
    while (cursor < source.length()) {
      const event = source.at(cursor++);
      if (filter === undefined || filter.matches(event)) {
        const response = eventResponse(event, read.uuidFormat, read.kind === 'all');
        if (!(await writer.write(response))) return;
      }
      if (filter !== undefined) {
        lastScanned = event.position;
        if (++scanned % filter.checkpointInterval === 0) {
          if (!(await writer.write(checkpointResponse(event.position)))) return;
        }
      }
    }
    if (!caughtUp) {
      caughtUp = true;
      if (filter !== undefined && lastScanned !== undefined) {
        if (!(await writer.write(checkpointResponse(lastScanned)))) return;
      }
      if (!(await writer.write(caughtUpResponse()))) return;
      continue; // events may have arrived while writing: look again before waiting
    }
    await nextAppend(log, signal); // registered synchronously after the last look: no gap
  }
}
