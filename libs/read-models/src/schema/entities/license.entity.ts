import { Entity, Index } from 'typeorm';
import type { LicenseStatusName } from '@lic/domain';
import {
  BoolColumn,
  IdColumn,
  InstantColumn,
  IntColumn,
  NameColumn,
  PositionColumn,
  PrimaryIdColumn,
  TextColumn,
} from '../columns';

export type Standing = 'active' | 'suspended' | 'revoked';
export type Threat = 'normal' | 'degraded';
export type RecordedStatus = LicenseStatusName;

/** One issued license: its variant, its standing as recorded, and its seat caps. */
@Entity({ name: 'licenses' })
@Index('licenses_product', ['productId', 'licenseId'])
export class LicenseRow {
  @PrimaryIdColumn('license_id') licenseId!: string;
  @IdColumn('product_id') productId!: string;
  @IdColumn('variant_id') variantId!: string;
  @NameColumn('license_type', 16) licenseType!: string;
  @TextColumn('licensee', { nullable: true }) licensee!: string | null;
  @BoolColumn('trial') trial!: boolean;
  @NameColumn('standing', 16) standing!: Standing;
  @NameColumn('threat', 16) threat!: Threat;
  /** As recorded by events; the query API also applies a passed expiry deadline (O7). */
  @NameColumn('status', 16) status!: RecordedStatus;
  /** The reason given for the last suspension, reinstatement or revocation. */
  @TextColumn('status_reason', { nullable: true }) statusReason!: string | null;
  @InstantColumn('issued_at') issuedAt!: string;
  @InstantColumn('expires_at', { nullable: true }) expiresAt!: string | null;
  /** The deadline of a recorded LicenseExpired (cleared by a renewal). */
  @InstantColumn('expired_at', { nullable: true }) expiredAt!: string | null;
  @IntColumn('max_machines', { nullable: true }) maxMachines!: number | null;
  @IntColumn('max_floating', { nullable: true }) maxFloating!: number | null;
  @IntColumn('floating_timeout_minutes', { nullable: true }) floatingTimeoutMinutes!: number | null;
  @IntColumn('max_sessions', { nullable: true }) maxSessions!: number | null;
  /** JSON array of usernames (S4). */
  @TextColumn('reserved_accounts') reservedAccounts!: string;
  /** The policy the license was issued with, as JSON. */
  @TextColumn('policy') policy!: string;
  /** The instant and position of the last event that changed this row. */
  @InstantColumn('updated_at') updatedAt!: string;
  @PositionColumn('updated_position') updatedPosition!: bigint;
}
