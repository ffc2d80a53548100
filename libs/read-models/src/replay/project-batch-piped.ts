import type { DataSource } from 'typeorm';
import { toIso } from '@lic/domain';
import type { Clock } from '@lic/clock';
import type { RecordedEvent } from '@lic/event-store';
import { checkpointUpdate, type Checkpoint } from '../checkpoint/checkpoint';
import { decodeRecordedEvent } from '../projection/decode-recorded-event';
import {
  checkpointAfter,
  freshAfter,
  projectEvents,
  undecodableOf,
  type BatchResult,
} from '../projection/project-batch';
import type { ProjectionCache } from '../projection/projection-cache';
import type { RebuildPipe } from './rebuild-pipe';

/**
 * projectBatch for a piped rebuild: the same loads, applications and rows, but the rows and
 * the checkpoint compare-and-set are handed to the rebuild's sink (SQLite's writer thread, or
 * PostgreSQL's own connection), which commits them in one transaction while this thread goes
 * on with the next batch. `expected` is the checkpoint the previous batch moved to (the sink
 * checks it). The cache takes the batch's rows at once: every later read of the database
 * waits for the sink first (RebuildPipe).
 */
export const projectBatchPiped = async (
  dataSource: DataSource,
  batch: readonly RecordedEvent[],
  options: { clock: Clock; expected: Checkpoint; cache: ProjectionCache; pipe: RebuildPipe },
): Promise<BatchResult> => {
  const { clock, expected, cache, pipe } = options;
  const fresh = freshAfter(batch, expected);
  if (fresh.length === 0) {
    return { checkpoint: expected, skipped: batch.length, writes: {}, undecodable: [] };
  }
  const manager = dataSource.manager;
  const events = fresh.map(decodeRecordedEvent);
  pipe.seed(cache, events);
  const recorder = pipe.record();
  const { ws, writes, tails } = await projectEvents(manager, events, cache, true, {
    recorder,
    beforeRead: pipe.drain,
  });
  const to = checkpointAfter(expected, fresh);
  const [sql, params] = checkpointUpdate(
    manager,
    expected,
    to,
    toIso(clock.now()),
  ).getQueryAndParameters();
  await pipe.post(recorder, { sql, params });
  cache.absorb(ws, tails);
  return {
    checkpoint: to,
    skipped: batch.length - fresh.length,
    writes,
    undecodable: undecodableOf(events),
  };
};
