import type { DataSource, EntityManager } from 'typeorm';
import { toIso } from '@lic/domain';
import type { Clock } from '@lic/clock';
import type { RecordedEvent } from '@lic/event-store';
import {
  CheckpointMovedError,
  advanceCheckpoint,
  readCheckpoint,
  type Checkpoint,
} from '../checkpoint/checkpoint';
import { applyEvent } from './apply-event';
import { decodeRecordedEvent } from './decode-recorded-event';
import { flushWorkingSet, type RecordedWrites, type WriteCounts } from './flush-working-set';
import { loadWorkingSet } from './load-working-set';
import type { ProjectionCache } from './projection-cache';
import type { ProjectedEvent } from './projected-event';

/** Test seams: throw from one to simulate a crash at that point of a batch. */
export interface BatchFaults {
  /** After the rows are written, before the checkpoint. */
  readonly afterRows?: () => void;
  /** After the checkpoint is written, before the commit. */
  readonly beforeCommit?: () => void;
}

export interface BatchOptions {
  readonly clock: Clock;
  /** The checkpoint the caller believes is stored; a different one fails the batch. */
  readonly expected?: Checkpoint;
  /** Rows kept between batches (see ProjectionCache); cleared if the batch fails. */
  readonly cache?: ProjectionCache;
  readonly faults?: BatchFaults;
  /** Write the rows the bulk way (COPY on PostgreSQL): for a rebuild. Same rows either way. */
  readonly bulk?: boolean;
}

export interface BatchResult {
  readonly checkpoint: Checkpoint;
  /** Events of this batch at or before the stored checkpoint, skipped. */
  readonly skipped: number;
  readonly writes: WriteCounts;
  /**
   * Events of a known type whose data did not decode (recorded by a writer that did not check
   * its events): projected into the audit log only. Never silent: the projector logs and
   * counts them.
   */
  readonly undecodable: readonly { readonly position: bigint; readonly why: string }[];
}

/** The events of `batch` the checkpoint `from` does not cover yet. */
export const freshAfter = (batch: readonly RecordedEvent[], from: Checkpoint): RecordedEvent[] =>
  batch.filter((e) => from.position === null || e.position > from.position);

/** The checkpoint once `fresh` (not empty, in position order) is projected after `from`. */
export const checkpointAfter = (from: Checkpoint, fresh: readonly RecordedEvent[]): Checkpoint => ({
  position: (fresh[fresh.length - 1] as RecordedEvent).position,
  eventsProjected: from.eventsProjected + BigInt(fresh.length),
});

/**
 * A batch's work between its checkpoints: load the rows its events touch, apply each event and
 * write the rows (or, with `recorded`, record them for a rebuild's writer thread).
 */
export const projectEvents = async (
  manager: EntityManager,
  events: readonly ProjectedEvent[],
  cache: ProjectionCache | undefined,
  bulk: boolean,
  recorded?: RecordedWrites,
) => {
  const ws = await loadWorkingSet(manager, events, cache, recorded?.beforeRead);
  for (const event of events) applyEvent(ws, event);
  return { ws, ...(await flushWorkingSet(manager, ws, cache, bulk, recorded)) };
};

/** Events of a known type whose data did not decode. */
export const undecodableOf = (events: readonly ProjectedEvent[]): BatchResult['undecodable'] =>
  events.flatMap((e) =>
    e.kind === 'other' && e.known ? [{ position: e.recorded.position, why: e.why }] : [],
  );

/**
 * Projects a batch of events (in position order) in one transaction: load the rows they
 * touch, apply each event, write the rows and move the checkpoint to the batch's last
 * position. A crash anywhere before the commit leaves both rows and checkpoint as they were;
 * events already covered by the stored checkpoint are skipped, never applied twice.
 */
export const projectBatch = async (
  dataSource: DataSource,
  batch: readonly RecordedEvent[],
  { clock, expected, cache, faults = {}, bulk = false }: BatchOptions,
): Promise<BatchResult> => {
  try {
    const { result, commit } = await dataSource.transaction(async (manager) => {
      const from = await readCheckpoint(manager);
      if (expected !== undefined && expected.position !== from.position) {
        throw new CheckpointMovedError(expected.position, from.position);
      }
      const fresh = freshAfter(batch, from);
      if (fresh.length === 0) {
        return {
          result: { checkpoint: from, skipped: batch.length, writes: {}, undecodable: [] },
          commit: null,
        };
      }
      const events = fresh.map(decodeRecordedEvent);
      const { ws, writes, tails } = await projectEvents(manager, events, cache, bulk);
      faults.afterRows?.();
      const to = checkpointAfter(from, fresh);
      await advanceCheckpoint(manager, from, to, toIso(clock.now()));
      faults.beforeCommit?.();
      return {
        result: {
          checkpoint: to,
          skipped: batch.length - fresh.length,
          writes,
          undecodable: undecodableOf(events),
        },
        commit: () => cache?.absorb(ws, tails),
      };
    });
    commit?.();
    return result;
  } catch (error) {
    cache?.clear();
    throw error;
  }
};
