import { Entity, Index } from 'typeorm';
import { IdColumn, InstantColumn, IntColumn, NameColumn, PrimaryPositionColumn } from '../columns';

/** A user or service-account session (S1-S6), active or ended. */
@Entity({ name: 'sessions' })
@Index('sessions_license', ['licenseId', 'sessionId'])
export class SessionRow {
  /** Global position of the SessionOpened event. */
  @PrimaryPositionColumn('id') id!: bigint;
  @IdColumn('license_id') licenseId!: string;
  @IdColumn('session_id') sessionId!: string;
  @NameColumn('username', 128) username!: string;
  @NameColumn('kind', 16) kind!: string;
  @NameColumn('pool', 16) pool!: string;
  @InstantColumn('opened_at') openedAt!: string;
  @InstantColumn('last_activity_at') lastActivityAt!: string;
  @IntColumn('activities') activities!: number;
  /** The current deadline (S2 idle, S3 absolute). */
  @InstantColumn('expires_at') expiresAt!: string;
  @InstantColumn('hard_expires_at', { nullable: true }) hardExpiresAt!: string | null;
  @InstantColumn('ended_at', { nullable: true }) endedAt!: string | null;
  @NameColumn('end_reason', 32, { nullable: true }) endReason!: string | null;
  @InstantColumn('end_recorded_at', { nullable: true }) endRecordedAt!: string | null;
}
