import type {
  ActivationRow,
  AuditEntryRow,
  HolderKind,
  LeaseRow,
  LicenseRow,
  ProductRow,
  RefusalKindName,
  RefusalRow,
  SessionRow,
  VariantRow,
} from '../schema/entities';

/** +1 when a holder takes a seat, -1 at the instant it frees it (U1). */
export interface SeatStep {
  readonly licenseId: string;
  readonly holderKind: HolderKind;
  /** Epoch ms. */
  readonly at: number;
  readonly delta: number;
}

export interface RefusalIncrement {
  readonly licenseId: string;
  readonly kind: RefusalKindName;
  readonly reason: string;
  readonly bucketStart: string;
  readonly count: number;
}

/** What one projection makes of one event. Applied in order to the batch's working set. */
export type RowChange =
  | { readonly table: 'licenses'; readonly row: LicenseRow }
  | { readonly table: 'products'; readonly row: ProductRow }
  | { readonly table: 'variants'; readonly row: VariantRow }
  | { readonly table: 'leases'; readonly row: LeaseRow }
  | { readonly table: 'sessions'; readonly row: SessionRow }
  | { readonly table: 'activations'; readonly row: ActivationRow }
  | { readonly table: 'audit_log'; readonly row: AuditEntryRow }
  | { readonly table: 'refusal_counts'; readonly increment: RefusalIncrement }
  | { readonly table: 'refusals'; readonly row: RefusalRow }
  | { readonly table: 'seat_steps'; readonly step: SeatStep };

/** The rows as they stand, for the projections to read. */
export interface ReadView {
  license(licenseId: string): LicenseRow | undefined;
  product(productId: string): ProductRow | undefined;
  variant(productId: string, variantId: string): VariantRow | undefined;
  activeLease(licenseId: string, leaseId: string): LeaseRow | undefined;
  activeSession(licenseId: string, sessionId: string): SessionRow | undefined;
  activeActivation(licenseId: string, fingerprint: string): ActivationRow | undefined;
}

export type Projection<E> = (event: E, view: ReadView) => readonly RowChange[];
