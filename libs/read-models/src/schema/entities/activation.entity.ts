import { Entity, Index } from 'typeorm';
import {
  IdColumn,
  InstantColumn,
  IntColumn,
  NameColumn,
  PrimaryPositionColumn,
  TextColumn,
} from '../columns';

/** A machine bound to a license (M1-M4, T1), active or deactivated. */
@Entity({ name: 'activations' })
@Index('activations_license', ['licenseId', 'fingerprint'])
export class ActivationRow {
  /** Global position of the MachineActivated event that took the slot. */
  @PrimaryPositionColumn('id') id!: bigint;
  @IdColumn('license_id') licenseId!: string;
  @IdColumn('activation_id') activationId!: string;
  @TextColumn('fingerprint') fingerprint!: string;
  /** The machine's name (hostname) as its last activation gave it; null if none did. */
  @NameColumn('hostname', 253, { nullable: true }) hostname!: string | null;
  @NameColumn('country', 2, { nullable: true }) country!: string | null;
  @InstantColumn('activated_at') activatedAt!: string;
  /** Activations of the same fingerprint that took no new slot (M1). */
  @IntColumn('reactivations') reactivations!: number;
  @IdColumn('token_id') tokenId!: string;
  @InstantColumn('token_expires_at') tokenExpiresAt!: string;
  @InstantColumn('deactivated_at', { nullable: true }) deactivatedAt!: string | null;
  /** self, admin, license-revoked. */
  @NameColumn('end_reason', 32, { nullable: true }) endReason!: string | null;
}
