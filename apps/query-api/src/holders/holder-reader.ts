import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ActivationRow, LeaseRow, SessionRow } from '@lic/read-models';
import { keysetPage, type KeysetPage as Page } from '../http/keyset-page';
import type { HoldersParams } from './holders.query-params';

/** Leases, sessions and activations of one license, newest first, by keyset. */
export class HolderReader {
  constructor(private readonly db: DataSource) {}

  leases(licenseId: string, q: HoldersParams, nowIso: string): Promise<Page<LeaseRow>> {
    const query = this.db.getRepository(LeaseRow).createQueryBuilder('h');
    return this.page(query, licenseId, q, deadlineState(q.state, nowIso));
  }

  sessions(licenseId: string, q: HoldersParams, nowIso: string): Promise<Page<SessionRow>> {
    const query = this.db.getRepository(SessionRow).createQueryBuilder('h');
    return this.page(query, licenseId, q, deadlineState(q.state, nowIso));
  }

  activations(licenseId: string, q: HoldersParams): Promise<Page<ActivationRow>> {
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
    q: HoldersParams,
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
    return keysetPage(rows, limit, (row) => row.id.toString(10));
  }
}

/** Active = not ended and before its deadline; ended = ended, or past its deadline (lapsed). */
const deadlineState = (state: HoldersParams['state'], nowIso: string) =>
  state === 'active'
    ? { sql: 'h.ended_at IS NULL AND h.expires_at > :now', params: { now: nowIso } }
    : state === 'ended'
      ? { sql: 'h.ended_at IS NOT NULL OR h.expires_at <= :now', params: { now: nowIso } }
      : null;
