import type { DataSource } from 'typeorm';
import { AuditEntryRow } from '@lic/read-models';
import type { AuditFilter } from './audit.query-params';

/** The audit trail in global order, filtered, one keyset page at a time. */
export class AuditReader {
  constructor(private readonly db: DataSource) {}

  page(filter: AuditFilter, limit: number): Promise<AuditEntryRow[]> {
    const q = this.db.getRepository(AuditEntryRow).createQueryBuilder('a');
    if (filter.license_id !== undefined) {
      q.andWhere('a.license_id = :licenseId', { licenseId: filter.license_id });
    }
    if (filter.product_id !== undefined) {
      q.andWhere('a.product_id = :productId', { productId: filter.product_id });
    }
    if (filter.type !== undefined) q.andWhere('a.type IN (:...types)', { types: filter.type });
    if (filter.actor !== undefined) q.andWhere('a.actor = :actor', { actor: filter.actor });
    if (filter.from !== undefined) q.andWhere('a.occurred_at >= :from', { from: filter.from });
    if (filter.to !== undefined) q.andWhere('a.occurred_at < :to', { to: filter.to });
    if (filter.cursor !== undefined) {
      q.andWhere('a.position > :cursor', { cursor: filter.cursor.toString(10) });
    }
    return q.orderBy('a.position', 'ASC').limit(limit).getMany();
  }

  /** Every matching entry, page by page, for exports. */
  async *all(filter: AuditFilter, pageSize = 1000): AsyncGenerator<AuditEntryRow> {
    let cursor = filter.cursor;
    for (;;) {
      const rows = await this.page(
        { ...filter, ...(cursor === undefined ? {} : { cursor }) },
        pageSize,
      );
      yield* rows;
      if (rows.length < pageSize) return;
      cursor = (rows[rows.length - 1] as AuditEntryRow).position;
    }
  }
}
