import { Readable } from 'node:stream';
import { Controller, Get, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { AuditEntryRow } from '@lic/read-models';
import { Roles } from '../auth/roles.decorator';
import { csvRow, sendCsv } from '../csv/csv';
import { decodeQuery } from '@lic/app';
import { AuditReader } from './audit-reader';
import { AUDIT_CSV_COLUMNS, auditCsvLine } from './audit-csv';
import { auditEntryView } from './audit-entry.view';
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

  /** A page of the trail in global order; pass `next_cursor` back as `cursor` for the next. */
  @Get()
  async list(@Query() query: unknown) {
    const { limit = 100, ...filter } = decodeQuery(AuditQuery, auditQueryNames, query);
    const rows = await this.reader.page(filter, limit + 1);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(auditEntryView),
      next_cursor: rows.length > limit && last ? last.position.toString(10) : null,
    };
  }

  /**
   * The whole filtered trail, streamed as NDJSON (one event per line) or CSV (the payload
   * spread over columns of its own, for a spreadsheet).
   */
  @Get('export')
  async export(@Query() query: unknown, @Res() reply: FastifyReply): Promise<void> {
    const { format = 'ndjson', ...filter } = decodeQuery(
      AuditExportQuery,
      auditExportQueryNames,
      query,
    );
    const rows = this.reader.all(filter);
    if (format === 'csv') return sendCsv(reply, 'audit', csv(rows));
    await reply
      .header('content-type', 'application/x-ndjson')
      .header('content-disposition', 'attachment; filename="audit.ndjson"')
      .header('cache-control', 'no-store')
      .send(Readable.from(ndjson(rows)));
  }
}

async function* ndjson(rows: AsyncIterable<AuditEntryRow>): AsyncGenerator<string> {
  for await (const row of rows) yield `${JSON.stringify(auditEntryView(row))}\n`;
}

async function* csv(rows: AsyncIterable<AuditEntryRow>): AsyncGenerator<string> {
  yield csvRow(AUDIT_CSV_COLUMNS);
  for await (const row of rows) yield auditCsvLine(row);
}
