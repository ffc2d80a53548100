import type { DataSource, EntityManager } from 'typeorm';
import { ProjectorCheckpointRow, READ_MODELS_CHECKPOINT } from '../schema/entities';

export interface Checkpoint {
  /** Last position projected; null before the first event. */
  readonly position: bigint | null;
  readonly eventsProjected: bigint;
}

export class CheckpointMovedError extends Error {
  override readonly name = 'CheckpointMovedError';
  constructor(expected: bigint | null, actual: bigint | null) {
    super(
      `the read-model checkpoint moved (expected ${String(expected)}, found ${String(actual)}): ` +
        'is another projector writing to the same database?',
    );
  }
}

export const readCheckpoint = async (db: DataSource | EntityManager): Promise<Checkpoint> => {
  const manager = 'manager' in db ? db.manager : db;
  const row = await manager.findOneBy(ProjectorCheckpointRow, { name: READ_MODELS_CHECKPOINT });
  if (row === null) throw new Error('the read database has no checkpoint row: run the migrations');
  return { position: row.position, eventsProjected: row.eventsProjected };
};

/**
 * Compare-and-set inside the batch's transaction: the rows and the checkpoint that covers them
 * commit together, and a second projector on the same database fails instead of applying
 * events twice.
 */
export const advanceCheckpoint = async (
  manager: EntityManager,
  from: Checkpoint,
  to: Checkpoint,
  updatedAt: string,
): Promise<void> => {
  const result = await checkpointUpdate(manager, from, to, updatedAt).execute();
  if (result.affected !== 1) {
    const actual = await readCheckpoint(manager);
    throw new CheckpointMovedError(from.position, actual.position);
  }
};

/** The compare-and-set statement: it changes one row, or none if the checkpoint moved. */
export const checkpointUpdate = (
  manager: EntityManager,
  from: Checkpoint,
  to: Checkpoint,
  updatedAt: string,
) => {
  const where = from.position === null ? 'position IS NULL' : 'position = :expected';
  return manager
    .createQueryBuilder()
    .update(ProjectorCheckpointRow)
    .set({ position: to.position, eventsProjected: to.eventsProjected, updatedAt })
    .where(`name = :name AND ${where}`, {
      name: READ_MODELS_CHECKPOINT,
      expected: from.position?.toString(10),
    });
};
