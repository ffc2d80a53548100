import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import * as t from 'io-ts';
import type { DataSource } from 'typeorm';
import { RefusalRow } from '@lic/read-models';
import { Roles } from '../auth/roles.decorator';
import { refusalView } from '../dashboard/dashboard-snapshot';
import { notFound, decodeQuery } from '@lic/app';
import { licenseIdParam } from '../http/params';
import { PositionParam, limitParam } from '../http/query-codecs';
import { READ_DB } from '../infrastructure/tokens';
import { LicenseReader } from '../licenses/license-reader';

export const RefusalsPageQuery = t.partial({
  /** Exclusive: refusals older than this position (newest first). */
  cursor: PositionParam,
  limit: limitParam(500),
});

/** U2: a license's recorded refusals with who was refused, newest first. */
@Controller('query/v1/licenses')
@Roles('admin', 'auditor')
export class RefusalsController {
  constructor(
    private readonly licenses: LicenseReader,
    @Inject(READ_DB) private readonly db: DataSource,
  ) {}

  @Get(':licenseId/refusals')
  async list(@Param('licenseId') licenseId: unknown, @Query() query: unknown) {
    const id = licenseIdParam(licenseId);
    const q = decodeQuery(RefusalsPageQuery, ['cursor', 'limit'], query);
    if ((await this.licenses.get(id)) === null) throw notFound(`no license ${id}`);
    const limit = q.limit ?? 50;
    const builder = this.db
      .getRepository(RefusalRow)
      .createQueryBuilder('r')
      .where('r.license_id = :id', { id });
    if (q.cursor !== undefined) builder.andWhere('r.position < :c', { c: q.cursor.toString(10) });
    const rows = await builder
      .orderBy('r.position', 'DESC')
      .limit(limit + 1)
      .getMany();
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map(refusalView),
      next_cursor: rows.length > limit && last ? last.position.toString(10) : null,
    };
  }
}
