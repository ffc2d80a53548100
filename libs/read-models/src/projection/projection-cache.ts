import type {
  ActivationRow,
  LeaseRow,
  LicenseRow,
  ProductRow,
  SessionRow,
  VariantRow,
} from '../schema/entities';
import { toIso } from '@lic/domain';
import type { UtilizationTail } from './utilization/utilization-tail';
import { trimTail } from './utilization/utilization-tail';
import { utilizationKey } from './utilization/utilization.loader';
import type { WorkingSet } from './working-set';

const HOLDER_KINDS = ['machine', 'lease', 'session'] as const;

/** What the read models hold about one license that a batch may touch. */
export interface CachedLicense {
  readonly license: LicenseRow | undefined;
  readonly leases: readonly LeaseRow[];
  readonly sessions: readonly SessionRow[];
  readonly activations: readonly ActivationRow[];
}

export interface CachedProduct {
  readonly product: ProductRow | undefined;
  readonly variants: readonly VariantRow[];
}

/**
 * The rows the last committed batches left, kept between batches so that a busy license is
 * not loaded again for every batch. The projector is the only writer of the read models, so
 * these rows are the database's own as long as every batch commits; `absorb` runs only after
 * a commit, and any failure must `clear` it (the next batch then loads from the database).
 * Bounded: the least recently used licenses are forgotten.
 */
export class ProjectionCache {
  private readonly licenses = new Map<string, CachedLicense>();
  private readonly products = new Map<string, CachedProduct>();
  private readonly tails = new Map<string, UtilizationTail>();

  constructor(private readonly maxLicenses = 20_000) {}

  license(licenseId: string): CachedLicense | undefined {
    const entry = this.licenses.get(licenseId);
    if (entry !== undefined) {
      this.licenses.delete(licenseId);
      this.licenses.set(licenseId, entry);
    }
    return entry;
  }

  product(productId: string): CachedProduct | undefined {
    return this.products.get(productId);
  }

  tail(key: string): UtilizationTail | undefined {
    return this.tails.get(key);
  }

  /**
   * Licenses and products the database is known to hold nothing about (a rebuild's, not yet
   * written): cached as empty, so a batch does not read the database to find that out.
   */
  seedEmpty(licenseIds: Iterable<string>, productIds: Iterable<string>): void {
    for (const licenseId of licenseIds) {
      this.licenses.set(licenseId, {
        license: undefined,
        leases: [],
        sessions: [],
        activations: [],
      });
      for (const kind of HOLDER_KINDS) {
        this.tails.set(utilizationKey(licenseId, kind), {
          from: -Infinity,
          base: 0,
          rows: [],
          steps: new Map(),
        });
      }
    }
    for (const productId of productIds) {
      this.products.set(productId, { product: undefined, variants: [] });
    }
  }

  /** After a commit: the batch's rows are now the database's. */
  absorb(ws: WorkingSet, tails: ReadonlyMap<string, UtilizationTail>): void {
    const leases = ws.leases.activeByLicense();
    const sessions = ws.sessions.activeByLicense();
    const activations = ws.activations.activeByLicense();
    for (const licenseId of ws.loadedLicenses) {
      this.licenses.delete(licenseId);
      this.licenses.set(licenseId, {
        license: ws.license(licenseId),
        leases: leases.get(licenseId) ?? [],
        sessions: sessions.get(licenseId) ?? [],
        activations: activations.get(licenseId) ?? [],
      });
    }
    for (const productId of ws.loadedProducts) {
      this.products.set(productId, {
        product: ws.product(productId),
        variants: ws.variants.all().filter((v) => v.productId === productId),
      });
    }
    for (const [key, tail] of tails) {
      const before = this.tails.get(key);
      const from = toIso(tail.from);
      // Steps change only in the hours a batch touches: the others' stay as they were kept.
      const steps = new Map(before?.steps);
      for (const [start, hour] of tail.steps) {
        steps.delete(start); // re-inserted last: the most recently used
        steps.set(start, hour);
      }
      const merged =
        before !== undefined && before.from < tail.from
          ? {
              from: before.from,
              base: before.base,
              rows: [...before.rows.filter((r) => r.bucketStart < from), ...tail.rows],
              steps,
            }
          : { ...tail, steps };
      this.tails.set(key, trimTail(merged));
    }
    this.evict();
  }

  clear(): void {
    this.licenses.clear();
    this.products.clear();
    this.tails.clear();
  }

  private evict(): void {
    for (const licenseId of this.licenses.keys()) {
      if (this.licenses.size <= this.maxLicenses) break;
      this.licenses.delete(licenseId);
      for (const kind of HOLDER_KINDS) this.tails.delete(utilizationKey(licenseId, kind));
    }
  }
}
