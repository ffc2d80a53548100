import { Entity, PrimaryColumn } from 'typeorm';
import { INSTANT_LENGTH, IntColumn, PrimaryIdColumn } from '../columns';
import type { HolderKind } from './seat-occupancy.entity';

/**
 * U1: one step of one license's step function for one holder kind — the net change of seats at
 * one instant, inside the hour its utilization_buckets row summarizes. A step that nets to
 * nothing is deleted. One row per instant, so a batch writes the steps it changes, never a
 * whole hour's list again.
 */
@Entity({ name: 'utilization_steps' })
export class UtilizationStepRow {
  @PrimaryIdColumn('license_id') licenseId!: string;
  @PrimaryColumn({ name: 'holder_kind', type: 'varchar', length: 16 }) holderKind!: HolderKind;
  /** The hour (its utilization_buckets row's bucket_start). */
  @PrimaryColumn({ name: 'bucket_start', type: 'varchar', length: INSTANT_LENGTH })
  bucketStart!: string;
  /** Milliseconds after bucket_start: 0 ≤ offset_ms < 3,600,000. */
  @PrimaryColumn({ name: 'offset_ms', type: 'integer' }) offsetMs!: number;
  /** Seats gained (positive) or freed (negative) at that instant; never 0. */
  @IntColumn('delta') delta!: number;
}
