import type { DataSource } from 'typeorm';
import type { Clock } from '@lic/clock';
import type { EventStore, ReadAllOptions, RecordedEvent } from '@lic/event-store';
import { readCheckpoint, type Checkpoint } from '../checkpoint/checkpoint';
import { projectBatch } from '../projection/project-batch';
import { ProjectionCache } from '../projection/projection-cache';
import { PROJECTED_STREAM_PREFIXES } from '../projection/projected-event';
import { projectBatchPiped } from './project-batch-piped';
import type { RebuildPipe } from './rebuild-pipe';

export interface ProjectFromStoreOptions {
  readonly batchSize: number;
  readonly clock: Clock;
  /** Stop after this position (inclusive); default: the end of the store as read. */
  readonly upTo?: bigint | null;
  /** Called after each committed batch. */
  readonly onBatch?: (progress: { events: number; checkpoint: Checkpoint }) => void;
  /** Write through the bulk path (COPY on PostgreSQL); a rebuild does. */
  readonly bulk?: boolean;
  /**
   * A rebuild's pipe (from empty tables only): batches are committed by its sink (SQLite's
   * writer thread, PostgreSQL's own connection), the next one projected meanwhile; `onBatch`
   * then follows each batch handed to it.
   */
  readonly pipe?: RebuildPipe;
  /** Rows kept between batches; default a new ProjectionCache. */
  readonly cache?: ProjectionCache;
}

export interface ProjectFromStoreResult {
  readonly events: number;
  readonly checkpoint: Checkpoint;
  /** Stored events of a known type that do not decode: in the audit log only. */
  readonly undecodable: readonly { readonly position: bigint; readonly why: string }[];
}

const projected = (e: RecordedEvent): boolean =>
  PROJECTED_STREAM_PREFIXES.some((prefix) => e.streamName.startsWith(prefix));

/**
 * Catches the read models up with the store by reading `$all` once (no subscription), from the
 * stored checkpoint to the end or to `upTo`, in batches. What rebuild and audit:verify use.
 */
export const projectFromStore = async (
  eventStore: EventStore,
  dataSource: DataSource,
  options: ProjectFromStoreOptions,
): Promise<ProjectFromStoreResult> => {
  const { batchSize, clock, upTo = null, onBatch, bulk = false, pipe } = options;
  const cache = options.cache ?? new ProjectionCache();
  let checkpoint = await readCheckpoint(dataSource);
  let events = 0;
  let batch: RecordedEvent[] = [];
  const undecodable: { position: bigint; why: string }[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const result =
      pipe === undefined
        ? await projectBatch(dataSource, batch, { clock, expected: checkpoint, cache, bulk })
        : await projectBatchPiped(dataSource, batch, { clock, expected: checkpoint, cache, pipe });
    checkpoint = result.checkpoint;
    undecodable.push(...result.undecodable);
    events += batch.length;
    batch = [];
    onBatch?.({ events, checkpoint });
  };
  const after = checkpoint.position ?? undefined;
  for await (const page of pagesOf(eventStore, after === undefined ? {} : { after })) {
    const end = upTo === null ? -1 : page.findIndex((event) => event.position > upTo);
    for (const event of end === -1 ? page : page.slice(0, end)) {
      if (!projected(event)) continue;
      batch.push(event);
      if (batch.length >= batchSize) await flush();
    }
    if (end !== -1) break;
  }
  await flush();
  await pipe?.drain();
  return { events, checkpoint, undecodable };
};

/** `$all` a page at a time where the store offers it, else one event at a time. */
async function* pagesOf(
  eventStore: EventStore,
  options: ReadAllOptions,
): AsyncGenerator<readonly RecordedEvent[], void, undefined> {
  if (eventStore.readAllInPages !== undefined) {
    yield* eventStore.readAllInPages(options);
    return;
  }
  for await (const event of eventStore.readAll(options)) yield [event];
}
