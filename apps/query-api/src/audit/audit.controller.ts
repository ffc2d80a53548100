import { Controller, Get, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import { decodeQuery } from '@lic/app';
import type { AuditEntryRow } from '@lic/read-models';
import { Roles } from '../auth/roles.decorator';
import { csvRow, sendCsv, sendNdjson } from '../csv/csv';
import { AUDIT_CSV_COLUMNS, auditCsvLine } from './audit-csv';
import { auditEntryView } from './audit-entry.view';
import {
  AuditExportParams,
  AuditParams,
  auditExportParamNames,
  auditParamNames,
} from './audit.query-params';
import { ExportAuditTrail, ListAuditEntries } from './queries';

/** A1/A3: the audit trail — every event with who asked, when, and its correlation id. */
@Controller('query/v1/audit')
@Roles('admin', 'auditor')
export class AuditController {
  constructor(private readonly queries: QueryBus) {}

  /** A page of the trail in global order; pass `next_cursor` back as `cursor` for the next. */
  @Get()
  list(@Query() query: unknown) {
    const params = decodeQuery(AuditParams, auditParamNames, query);
    return this.queries.execute(new ListAuditEntries(params));
  }

  /**
   * The whole filtered trail, streamed as NDJSON (one event per line) or CSV (the payload
   * spread over columns of its own, for a spreadsheet).
   */
  @Get('export')
  async export(@Query() query: unknown, @Res() reply: FastifyReply): Promise<void> {
    const { format = 'ndjson', ...filter } = decodeQuery(
      AuditExportParams,
      auditExportParamNames,
      query,
    );
    const rows = await this.queries.execute(new ExportAuditTrail(filter));
    if (format === 'csv') return sendCsv(reply, 'audit', csv(rows));
    return sendNdjson(reply, 'audit', ndjson(rows));
  }
}

async function* ndjson(rows: AsyncIterable<AuditEntryRow>): AsyncGenerator<string> {
  for await (const row of rows) yield `${JSON.stringify(auditEntryView(row))}\n`;
}

async function* csv(rows: AsyncIterable<AuditEntryRow>): AsyncGenerator<string> {
  yield csvRow(AUDIT_CSV_COLUMNS);
  for await (const row of rows) yield auditCsvLine(row);
}
