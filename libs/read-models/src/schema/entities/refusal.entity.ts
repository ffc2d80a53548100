import { Entity, Index } from 'typeorm';
import {
  IdColumn,
  InstantColumn,
  IntColumn,
  NameColumn,
  PrimaryPositionColumn,
  TextColumn,
} from '../columns';
import type { RefusalKindName } from './refusal-count.entity';

/**
 * U2, by who: one row per recorded refusal event — who was refused (a machine fingerprint, or a
 * user or service account), why, and of which license and product. A `RefusalsTallied.v1` is one
 * row with its `count` and no client: those refusals were counted, not recorded one by one.
 */
@Entity({ name: 'refusals' })
@Index('refusals_license', ['licenseId', 'occurredAt'])
@Index('refusals_occurred', ['occurredAt'])
export class RefusalRow {
  /** Global position of the refusal (or tally) event. */
  @PrimaryPositionColumn('position') position!: bigint;
  @IdColumn('license_id') licenseId!: string;
  @IdColumn('product_id') productId!: string;
  @NameColumn('kind', 16) kind!: RefusalKindName;
  @NameColumn('reason', 32) reason!: string;
  /** The machine refused (activation, checkout, validation); null for sessions and tallies. */
  @TextColumn('fingerprint', { nullable: true }) fingerprint!: string | null;
  /** The account refused a session; null otherwise. */
  @NameColumn('username', 128, { nullable: true }) username!: string | null;
  /** interactive or service, for a session refusal. */
  @NameColumn('session_kind', 16, { nullable: true }) sessionKind!: string | null;
  /** The instant of the refusal (a tally: of its last refusal). */
  @InstantColumn('occurred_at') occurredAt!: string;
  @IntColumn('count') count!: number;
}
