import { status } from '@grpc/grpc-js';
import type { InMemoryLog, LoggedEvent } from './in-memory-log';
import { eventResponse, streamNotFoundResponse } from './messages';
import { ReadRejected, type AllRead, type StreamRead } from './read-request';
import type { ResponseWriter } from './response-writer';
import { visibleStream } from './stream-metadata';

/** Revision reads: forwards from a revision (inclusive), backwards from one (inclusive). */
function* streamSelection(
  events: readonly LoggedEvent[],
  read: StreamRead,
): Generator<LoggedEvent> {
  if (events.length === 0) return;
  // Revisions are consecutive from the first visible one: a revision is an index, as in the
  // server's stream index, so a read starts where it asks without scanning up to it.
  const first = events[0].revision;
  const last = events[events.length - 1].revision;
  const indexOf = (revision: bigint) => Number(revision - first);
  if (read.backwards) {
    const from = read.from === 'start' ? first : read.from === 'end' ? last : read.from;
    if (from < first) return;
    for (let i = Math.min(indexOf(from), events.length - 1); i >= 0; i--) yield events[i];
  } else {
    const from = read.from === 'start' ? first : read.from === 'end' ? last + 1n : read.from;
    for (let i = Math.max(0, indexOf(from)); i < events.length; i++) yield events[i];
  }
}

/** $all reads: forwards from a position (inclusive), backwards from one (exclusive). */
function* allSelection(log: InMemoryLog, read: AllRead): Generator<LoggedEvent> {
  if (read.backwards) {
    if (read.from === 'start') return;
    const end = read.from === 'end' ? log.size : log.indexAtOrAfter(read.from);
    for (let i = end - 1; i >= 0; i--) yield log.at(i);
  } else {
    const start =
      read.from === 'start' ? 0 : read.from === 'end' ? log.size : log.indexAtOrAfter(read.from);
    for (let i = start; i < log.size; i++) yield log.at(i);
  }
}

/** A finite read (Streams.Read with a count): the selected events, then the end of the call. */
export async function answerRead(
  log: InMemoryLog,
  read: StreamRead | AllRead,
  writer: ResponseWriter,
): Promise<void> {
  const limit = read.count ?? 0n;
  let sent = 0n;
  if (read.kind === 'stream') {
    const events = visibleStream(log, read.streamName);
    if (events === undefined) {
      await writer.write(streamNotFoundResponse(read.streamName));
      return;
    }
    for (const event of streamSelection(events, read)) {
      if (sent++ >= limit || !(await writer.write(eventResponse(event, read.uuidFormat, false)))) {
        return;
      }
    }
    return;
  }
  if (typeof read.from === 'bigint' && !log.isRecordBoundary(read.from)) {
    // What ReadAllForwards/Backwards answer for ReadAllResult.InvalidPosition.
    throw new ReadRejected(status.UNKNOWN, 'Unexpected ReadAllResult: InvalidPosition');
  }
  for (const event of allSelection(log, read)) {
    if (read.filter !== undefined && !read.filter.matches(event)) continue;
    if (sent++ >= limit || !(await writer.write(eventResponse(event, read.uuidFormat, true)))) {
      return;
    }
  }
}
