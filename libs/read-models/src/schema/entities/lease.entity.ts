import { Entity, Index } from 'typeorm';
import {
  IdColumn,
  InstantColumn,
  IntColumn,
  NameColumn,
  PrimaryPositionColumn,
  TextColumn,
} from '../columns';

/** A floating lease (F1-F7), active or ended. */
@Entity({ name: 'leases' })
@Index('leases_license', ['licenseId', 'leaseId'])
export class LeaseRow {
  /** Global position of the checkout: lease ids are the client's and may be reused. */
  @PrimaryPositionColumn('id') id!: bigint;
  @IdColumn('license_id') licenseId!: string;
  @IdColumn('lease_id') leaseId!: string;
  @TextColumn('fingerprint') fingerprint!: string;
  @NameColumn('via', 16) via!: string;
  /** The machine's name (hostname) as its checkout gave it; null if it gave none. */
  @NameColumn('hostname', 253, { nullable: true }) hostname!: string | null;
  @InstantColumn('checked_out_at') checkedOutAt!: string;
  /** The current deadline (F5): extended by heartbeats. */
  @InstantColumn('expires_at') expiresAt!: string;
  @IntColumn('heartbeats') heartbeats!: number;
  @InstantColumn('last_heartbeat_at', { nullable: true }) lastHeartbeatAt!: string | null;
  /** When the seat was freed (a deadline for an expiry); null while active. */
  @InstantColumn('ended_at', { nullable: true }) endedAt!: string | null;
  /** checked-in, deactivated, expired, released:<reason>. */
  @NameColumn('end_reason', 32, { nullable: true }) endReason!: string | null;
  /** When the end was recorded (the event's instant). */
  @InstantColumn('end_recorded_at', { nullable: true }) endRecordedAt!: string | null;
}
