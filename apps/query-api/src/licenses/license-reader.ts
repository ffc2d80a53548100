import { Brackets, In, IsNull, MoreThan, type DataSource } from 'typeorm';
import { ActivationRow, LeaseRow, LicenseRow, ProductRow, SessionRow } from '@lic/read-models';
import { LicenseStatusName, statusAfterDeadline } from '@lic/domain';
import type { ActiveHolders } from '../seats/live-seats';

export interface LicenseFilter {
  readonly status?: LicenseStatusName;
  readonly productId?: string;
  /** Part of the license id or the licensee, any case. */
  readonly search?: string;
  /** Exclusive: licenses whose id sorts after it. */
  readonly cursor?: string;
  readonly limit: number;
}

const STATUSES = Object.keys(LicenseStatusName.keys) as LicenseStatusName[];
const PASSED = `(l.expires_at IS NOT NULL AND l.expires_at <= :now)`;

/**
 * Rows whose status at `:now` is `wanted`: the stored status (the domain's statusOf, written by
 * the projection) with a passed deadline applied by the domain's statusAfterDeadline. The SQL
 * only lists which stored statuses give `wanted` with and without a passed deadline; the rule
 * itself is not restated here.
 */
const statusWhere = (wanted: LicenseStatusName): string => {
  const terms = STATUSES.flatMap((recorded) => {
    const before = statusAfterDeadline(recorded, false) === wanted;
    const after = statusAfterDeadline(recorded, true) === wanted;
    if (!before && !after) return [];
    const deadline = before && after ? '' : before ? ` AND NOT ${PASSED}` : ` AND ${PASSED}`;
    return [`(l.status = '${recorded}'${deadline})`];
  });
  return terms.length === 0 ? '1 = 0' : terms.join(' OR ');
};

/** Licenses and their holders, as the read models have them. */
export class LicenseReader {
  constructor(private readonly db: DataSource) {}

  /** A page of licenses in id order (keyset pagination: the cursor is the last id). */
  async list(filter: LicenseFilter, nowIso: string): Promise<LicenseRow[]> {
    const q = this.db
      .getRepository(LicenseRow)
      .createQueryBuilder('l')
      .orderBy('l.license_id', 'ASC')
      .limit(filter.limit);
    if (filter.productId !== undefined) {
      q.andWhere('l.product_id = :productId', { productId: filter.productId });
    }
    if (filter.search !== undefined) {
      const like = `%${filter.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q.andWhere(
        new Brackets((b) =>
          b
            .where("LOWER(l.license_id) LIKE :like ESCAPE '\\'", { like })
            .orWhere("LOWER(COALESCE(l.licensee, '')) LIKE :like ESCAPE '\\'", { like }),
        ),
      );
    }
    if (filter.cursor !== undefined)
      q.andWhere('l.license_id > :cursor', { cursor: filter.cursor });
    if (filter.status !== undefined) {
      q.andWhere(
        new Brackets((b) =>
          b.where(statusWhere(filter.status as LicenseStatusName), { now: nowIso }),
        ),
      );
    }
    return q.getMany();
  }

  get(licenseId: string): Promise<LicenseRow | null> {
    return this.db.getRepository(LicenseRow).findOneBy({ licenseId });
  }

  /** Product names by id, for the products named. */
  async productNames(productIds: readonly string[]): Promise<Map<string, string>> {
    const ids = [...new Set(productIds)];
    if (ids.length === 0) return new Map();
    const rows = await this.db.getRepository(ProductRow).findBy({ productId: In(ids) });
    return new Map(rows.map((p) => [p.productId, p.name]));
  }

  /** Holders not recorded as ended (the caller drops those past their deadline). */
  async activeHolders(
    licenseIds: readonly string[],
    nowIso: string,
  ): Promise<Map<string, ActiveHolders>> {
    const ids = [...licenseIds];
    const out = new Map<
      string,
      { activations: ActivationRow[]; leases: LeaseRow[]; sessions: SessionRow[] }
    >(ids.map((id) => [id, { activations: [], leases: [], sessions: [] }]));
    if (ids.length === 0) return out;
    const order = { id: 'ASC' } as const;
    const [activations, leases, sessions] = await Promise.all([
      this.db.getRepository(ActivationRow).find({
        where: { licenseId: In(ids), deactivatedAt: IsNull() },
        order,
      }),
      this.db.getRepository(LeaseRow).find({
        where: { licenseId: In(ids), endedAt: IsNull(), expiresAt: MoreThan(nowIso) },
        order,
      }),
      this.db.getRepository(SessionRow).find({
        where: { licenseId: In(ids), endedAt: IsNull(), expiresAt: MoreThan(nowIso) },
        order,
      }),
    ]);
    for (const a of activations) out.get(a.licenseId)?.activations.push(a);
    for (const l of leases) out.get(l.licenseId)?.leases.push(l);
    for (const s of sessions) out.get(s.licenseId)?.sessions.push(s);
    return out;
  }
}
