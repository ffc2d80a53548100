import { Entity, PrimaryColumn } from 'typeorm';
import { InstantColumn, PositionColumn } from '../columns';

export const READ_MODELS_CHECKPOINT = 'read-models';

/**
 * How far the read models go: written in the same transaction as the rows it covers. A null
 * position means nothing has been projected yet.
 */
@Entity({ name: 'projector_checkpoint' })
export class ProjectorCheckpointRow {
  @PrimaryColumn({ name: 'name', type: 'varchar', length: 64 }) name!: string;
  @PositionColumn('position', { nullable: true }) position!: bigint | null;
  @PositionColumn('events_projected') eventsProjected!: bigint;
  /** Wall clock of the last write: the only column a replay does not reproduce. */
  @InstantColumn('updated_at', { nullable: true }) updatedAt!: string | null;
}
