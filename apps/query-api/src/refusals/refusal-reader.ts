import type { DataSource } from 'typeorm';
import { RefusalRow } from '@lic/read-models';

/** Recorded refusals (U2), newest first. */
export class RefusalReader {
  constructor(private readonly db: DataSource) {}

  /** A license's refusals older than `cursor` (exclusive), at most `limit`. */
  ofLicense(licenseId: string, cursor: bigint | undefined, limit: number): Promise<RefusalRow[]> {
    const q = this.db
      .getRepository(RefusalRow)
      .createQueryBuilder('r')
      .where('r.license_id = :id', { id: licenseId });
    if (cursor !== undefined) q.andWhere('r.position < :c', { c: cursor.toString(10) });
    return q.orderBy('r.position', 'DESC').limit(limit).getMany();
  }

  /** The latest refusals of every license. */
  latest(count: number): Promise<RefusalRow[]> {
    return this.db.getRepository(RefusalRow).find({ order: { position: 'DESC' }, take: count });
  }
}
