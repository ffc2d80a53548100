import { Entity, PrimaryColumn } from 'typeorm';
import { IntColumn, MillisColumn, PrimaryIdColumn } from '../columns';
import { INSTANT_LENGTH } from '../columns';
import type { HolderKind } from './seat-occupancy.entity';

/**
 * U1: concurrent seats of one holder kind of one license over one hour. Seats form a step
 * function (+1 when a holder starts, -1 at its deadline); a row exists for every hour in which
 * the function changes, and an hour without a row holds the previous row's level_at_end. The
 * steps themselves are utilization_steps rows.
 */
@Entity({ name: 'utilization_buckets' })
export class UtilizationBucketRow {
  @PrimaryIdColumn('license_id') licenseId!: string;
  @PrimaryColumn({ name: 'holder_kind', type: 'varchar', length: 16 }) holderKind!: HolderKind;
  @PrimaryColumn({ name: 'bucket_start', type: 'varchar', length: INSTANT_LENGTH })
  bucketStart!: string;
  /** Seats held just before the hour began. */
  @IntColumn('level_at_start') levelAtStart!: number;
  @IntColumn('level_at_end') levelAtEnd!: number;
  @IntColumn('peak') peak!: number;
  /** Integral of seats over the hour in seat-milliseconds; average = seat_ms / 3,600,000. */
  @MillisColumn('seat_ms') seatMs!: number;
}
