import type {
  ActivationRow,
  AuditEntryRow,
  LeaseRow,
  LicenseRow,
  ProductRow,
  RefusalRow,
  SessionRow,
  VariantRow,
} from '../schema/entities';
import { HolderMap, RowMap } from './row-map';
import type { ReadView, RefusalIncrement, RowChange, SeatStep } from './row-change';

/**
 * Everything one batch reads and writes, in memory: loaded before the batch's events are
 * applied, written back in the batch's transaction. Events are applied one by one, so a batch
 * of any size leaves the same rows as the events applied singly.
 */
export class WorkingSet implements ReadView {
  readonly licenses = new RowMap<LicenseRow>((r) => r.licenseId);
  readonly products = new RowMap<ProductRow>((r) => r.productId);
  readonly variants = new RowMap<VariantRow>((r) => `${r.productId}\u0000${r.variantId}`);
  readonly leases = new HolderMap<LeaseRow>(
    (r) => r.id.toString(),
    (r) => r.leaseId,
    (r) => r.endedAt === null,
  );
  readonly sessions = new HolderMap<SessionRow>(
    (r) => r.id.toString(),
    (r) => r.sessionId,
    (r) => r.endedAt === null,
  );
  readonly activations = new HolderMap<ActivationRow>(
    (r) => r.id.toString(),
    (r) => r.fingerprint,
    (r) => r.deactivatedAt === null,
  );
  readonly audit: AuditEntryRow[] = [];
  readonly refusals = new Map<string, RefusalIncrement>();
  readonly refusalRows: RefusalRow[] = [];
  readonly steps: SeatStep[] = [];
  /** Every license and product the batch's events name (loaded, found or not). */
  readonly loadedLicenses = new Set<string>();
  readonly loadedProducts = new Set<string>();
  /** Licenses whose seats may have changed: their occupancy rows are recomputed. */
  readonly touchedLicenses = new Set<string>();
  /** Active holders per license as loaded, before the batch (occupancy is written if changed). */
  private baseline = new Map<string, string>();

  /** Call once the rows are loaded, before the first event is applied. */
  markLoaded(): void {
    this.baseline = this.activeCounts();
  }

  /** `machine/lease/session` active counts per license, as a comparable key. */
  activeCounts(): Map<string, string> {
    const machine = this.activations.activeCounts();
    const lease = this.leases.activeCounts();
    const session = this.sessions.activeCounts();
    const ids = new Set([...machine.keys(), ...lease.keys(), ...session.keys()]);
    return new Map(
      [...ids].map((id) => [
        id,
        `${machine.get(id) ?? 0}/${lease.get(id) ?? 0}/${session.get(id) ?? 0}`,
      ]),
    );
  }

  /** True if the license's row or its active holder counts changed in this batch. */
  seatsChanged(licenseId: string, counts: Map<string, string>): boolean {
    return (
      this.licenses.isChanged(licenseId) ||
      (counts.get(licenseId) ?? '0/0/0') !== (this.baseline.get(licenseId) ?? '0/0/0')
    );
  }

  license(licenseId: string): LicenseRow | undefined {
    return this.licenses.get(licenseId);
  }
  product(productId: string): ProductRow | undefined {
    return this.products.get(productId);
  }
  variant(productId: string, variantId: string): VariantRow | undefined {
    return this.variants.get(`${productId}\u0000${variantId}`);
  }
  activeLease(licenseId: string, leaseId: string): LeaseRow | undefined {
    return this.leases.activeOf(licenseId, leaseId);
  }
  activeSession(licenseId: string, sessionId: string): SessionRow | undefined {
    return this.sessions.activeOf(licenseId, sessionId);
  }
  activeActivation(licenseId: string, fingerprint: string): ActivationRow | undefined {
    return this.activations.activeOf(licenseId, fingerprint);
  }

  apply(changes: readonly RowChange[]): void {
    for (const change of changes) this.applyOne(change);
  }

  private applyOne(change: RowChange): void {
    switch (change.table) {
      case 'licenses':
        this.touchedLicenses.add(change.row.licenseId);
        return this.licenses.put(change.row);
      case 'products':
        return this.products.put(change.row);
      case 'variants':
        return this.variants.put(change.row);
      case 'leases':
        this.touchedLicenses.add(change.row.licenseId);
        return this.leases.put(change.row);
      case 'sessions':
        this.touchedLicenses.add(change.row.licenseId);
        return this.sessions.put(change.row);
      case 'activations':
        this.touchedLicenses.add(change.row.licenseId);
        return this.activations.put(change.row);
      case 'audit_log':
        this.audit.push(change.row);
        return;
      case 'refusal_counts': {
        const i = change.increment;
        const key = `${i.licenseId}\u0000${i.kind}\u0000${i.reason}\u0000${i.bucketStart}`;
        const before = this.refusals.get(key)?.count ?? 0;
        this.refusals.set(key, {
          licenseId: i.licenseId,
          kind: i.kind,
          reason: i.reason,
          bucketStart: i.bucketStart,
          count: before + i.count,
        });
        return;
      }
      case 'refusals':
        this.refusalRows.push(change.row);
        return;
      case 'seat_steps':
        this.steps.push(change.step);
        return;
    }
  }
}
