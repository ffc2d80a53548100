import { Entity, PrimaryColumn } from 'typeorm';
import type { SeatKind } from '@lic/domain';
import { IntColumn, PrimaryIdColumn } from '../columns';

export type HolderKind = SeatKind;

/**
 * Seats of one license by holder kind, as recorded: a lease or session counts until its end is
 * recorded. The query API's live view also frees holders whose expires_at has passed (F5).
 * One row per kind the license's policy enables.
 */
@Entity({ name: 'seat_occupancy' })
export class SeatOccupancyRow {
  @PrimaryIdColumn('license_id') licenseId!: string;
  @PrimaryColumn({ name: 'holder_kind', type: 'varchar', length: 16 }) holderKind!: HolderKind;
  /** null = unlimited (site). */
  @IntColumn('cap', { nullable: true }) cap!: number | null;
  /** Slots held for named accounts (S4); 0 for machines and leases. */
  @IntColumn('reserved') reserved!: number;
  @IntColumn('in_use') inUse!: number;
  /** null = unlimited. */
  @IntColumn('available', { nullable: true }) available!: number | null;
}
