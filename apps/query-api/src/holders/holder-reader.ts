import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ActivationRow, LeaseRow, SessionRow } from '@lic/read-models';
import type { HoldersQuery } from './holders.queries';

export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

/** Leases, sessions and activations of one license, newest first, by keyset. */
export class HolderReader {
  constructor(private readonly db: DataSource) {}

  leases(licenseId: string, q: HoldersQuery, nowIso: string): Promise<Page<LeaseRow>> {
    const query = this.db.getRepository(LeaseRow).createQueryBuilder('h');
    return this.page(query, licenseId, q, deadlineState(q.state, nowIso));
  }

  sessions(licenseId: string, q: HoldersQuery, nowIso: string): Promise<Page<SessionRow>> {
    const query = this.db.getRepository(SessionRow).createQueryBuilder('h');
    return this.page(query, licenseId, q, deadlineState(q.state, nowIso));
  }

  activations(licenseId: string, q: HoldersQuery): Promise<Page<ActivationRow>> {
    const query = this.db.getRepository(ActivationRow).createQueryBuilder('h');
    const where =
      q.state === 'active'
        ? { sql: 'h.deactivated_at IS NULL', params: {} }
        : q.state === 'ended'
          ? { sql: 'h.deactivated_at IS NOT NULL', params: {} }
          : null;
    return this.page(query, licenseId, q, where);
  }

  private async page<T extends ObjectLiteral & { id: bigint }>(
    query: SelectQueryBuilder<T>,
    licenseId: string,
    q: HoldersQuery,
    state: { sql: string; params: Record<string, string> } | null,
  ): Promise<Page<T>> {
    const limit = q.limit ?? 50;
    query.where('h.license_id = :licenseId', { licenseId });
    if (state !== null) query.andWhere(`(${state.sql})`, state.params);
    if (q.cursor !== undefined) query.andWhere('h.id < :cursor', { cursor: q.cursor.toString(10) });
    const rows = await query
      .orderBy('h.id', 'DESC')
      .limit(limit + 1)
      .getMany();
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last ? last.id.toString(10) : null };
  }
}

/** Active = not ended and before its deadline; ended = ended, or past its deadline (lapsed). */
const deadlineState = (state: HoldersQuery['state'], nowIso: string) =>
  state === 'active'
    ? { sql: 'h.ended_at IS NULL AND h.expires_at > :now', params: { now: nowIso } }
    : state === 'ended'
      ? { sql: 'h.ended_at IS NOT NULL OR h.expires_at <= :now', params: { now: nowIso } }
      : null;
