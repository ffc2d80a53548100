import { Entity, Index } from 'typeorm';
import {
  IdColumn,
  InstantColumn,
  PositionColumn,
  PrimaryPositionColumn,
  TextColumn,
} from '../columns';

/**
 * Every event the projector saw (A1), known type or not, in global order. What the store gives
 * is stored as text of any length: no event can fail to fit (and stop the projector).
 */
@Entity({ name: 'audit_log' })
@Index('audit_log_license', ['licenseId', 'position'])
@Index('audit_log_type', ['type', 'position'])
@Index('audit_log_actor', ['actor', 'position'])
@Index('audit_log_occurred', ['occurredAt', 'position'])
export class AuditEntryRow {
  @PrimaryPositionColumn('position') position!: bigint;
  @TextColumn('event_id') eventId!: string;
  @TextColumn('stream') stream!: string;
  @PositionColumn('revision') revision!: bigint;
  @TextColumn('type') type!: string;
  @IdColumn('license_id', { nullable: true }) licenseId!: string | null;
  @IdColumn('product_id', { nullable: true }) productId!: string | null;
  /** The instant of the decision (data.at), or when the store recorded it if there is none. */
  @InstantColumn('occurred_at') occurredAt!: string;
  /** As the store reports it. */
  @TextColumn('recorded_at') recordedAt!: string;
  /** "admin:alice", "license:lic-1", "system:expiry" (metadata.actor). */
  @TextColumn('actor') actor!: string;
  @TextColumn('correlation_id') correlationId!: string;
  @TextColumn('causation_id', { nullable: true }) causationId!: string | null;
  /** The event's data, as JSON. */
  @TextColumn('payload') payload!: string;
}
