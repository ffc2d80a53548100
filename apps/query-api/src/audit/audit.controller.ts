import { Readable } from 'node:stream';
import { Controller, Get, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { AuditEntryRow } from '@lic/read-models';
import { Roles } from '../auth/roles.decorator';
import { decodeQuery } from '../http/decode';
import { AuditReader } from './audit-reader';
import { CSV_COLUMNS, auditEntryView, csvLine } from './audit-entry.view';
import {
  AuditExportQuery,
  AuditQuery,
  auditExportQueryNames,
  auditQueryNames,
} from './audit.queries';

/** A1/A3: the audit trail — every event with who asked, when, and its correlation id. */
@Controller('query/v1/audit')
@Roles('admin', 'auditor')
export class AuditController {
  constructor(private readonly reader: AuditReader) {}

  /** A page of the trail in global order; pass `nextCursor` back as `cursor` for the next. */
  @Get()
  async list(@Query() query: unknown) {
    const { limit = 100, ...filter } = decodeQuery(AuditQuery, auditQueryNames, query);
    const rows = await this.reader.page(filter, limit + 1);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(auditEntryView),
      nextCursor: rows.length > limit && last ? last.position.toString(10) : null,
    };
  }

  /** The whole filtered trail, streamed as NDJSON (one event per line) or CSV. */
  @Get('export')
  async export(@Query() query: unknown, @Res() reply: FastifyReply): Promise<void> {
    const { format = 'ndjson', ...filter } = decodeQuery(
      AuditExportQuery,
      auditExportQueryNames,
      query,
    );
    const rows = this.reader.all(filter);
    const body = Readable.from(format === 'csv' ? csv(rows) : ndjson(rows));
    await reply
      .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson')
      .header('content-disposition', `attachment; filename="audit.${format}"`)
      .header('cache-control', 'no-store')
      .send(body);
  }
}

async function* ndjson(rows: AsyncIterable<AuditEntryRow>): AsyncGenerator<string> {
  for await (const row of rows) yield `${JSON.stringify(auditEntryView(row))}\n`;
}

async function* csv(rows: AsyncIterable<AuditEntryRow>): AsyncGenerator<string> {
  yield `${CSV_COLUMNS.join(',')}\r\n`;
  for await (const row of rows) yield `${csvLine(row)}\r\n`;
}
