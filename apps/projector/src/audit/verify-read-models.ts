import type { Clock } from '@lic/clock';
import type { ReadDbUrl } from '@lic/config';
import type { EventStore } from '@lic/event-store';
import {
  compareReadModels,
  openReadDb,
  projectFromStore,
  readCheckpoint,
  type Checkpoint,
  type ReadModelComparison,
} from '@lic/read-models';
import { scratchReadDbLike } from './scratch-read-db';

export interface VerifyOptions {
  readonly eventStore: EventStore;
  /** The read database under audit. */
  readonly live: ReadDbUrl;
  /** Where to replay (default: a temporary database of the same kind, dropped afterwards). */
  readonly into?: ReadDbUrl;
  readonly clock: Clock;
  readonly batchSize: number;
  readonly onProgress?: (events: number) => void;
}

export interface VerifyResult {
  readonly checkpoint: Checkpoint;
  readonly events: number;
  readonly comparison: ReadModelComparison;
  /**
   * Stored events of a known type that do not decode: both sides have them in the audit log
   * only, so the tables compare equal, yet the read models do not reflect them.
   */
  readonly undecodable: readonly { readonly position: bigint; readonly why: string }[];
}

/**
 * A3 for a deployed system: replays the history, up to the position the live read models
 * have reached, into a fresh database, and compares every table row for row. The live side
 * is read in one snapshot transaction, so a projector that keeps running does not disturb it.
 */
export const verifyReadModels = async (options: VerifyOptions): Promise<VerifyResult> => {
  const live = await openReadDb(options.live, { migrate: false });
  const runner = live.createQueryRunner();
  const scratch =
    options.into === undefined
      ? await scratchReadDbLike(options.live)
      : { url: options.into, drop: async () => undefined };
  try {
    await runner.connect();
    await runner.startTransaction(options.live.kind === 'postgres' ? 'REPEATABLE READ' : undefined);
    const checkpoint = await readCheckpoint(runner.manager);
    const replay = await openReadDb(scratch.url);
    try {
      const { events, undecodable } =
        checkpoint.position === null
          ? { events: 0, undecodable: [] }
          : await projectFromStore(options.eventStore, replay, {
              batchSize: options.batchSize,
              clock: options.clock,
              upTo: checkpoint.position,
              ...(options.onProgress === undefined
                ? {}
                : { onBatch: (p: { events: number }) => options.onProgress?.(p.events) }),
            });
      const comparison = await compareReadModels(replay.manager, runner.manager);
      return { checkpoint, events, comparison, undecodable };
    } finally {
      await replay.destroy();
    }
  } finally {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    await runner.release();
    await live.destroy();
    await scratch.drop();
  }
};
