import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import { toIso } from '@lic/domain';
import type { Clock } from '@lic/clock';
import { decodeQuery, notFound } from '@lic/app';
import { Roles } from '../auth/roles.decorator';
import { csvHeaders, csvTable, type CsvValue } from '../csv/csv';
import { CLOCK } from '../infrastructure/tokens';
import { DENIALS_CSV_COLUMNS, denialsCsvRows } from './denials-report';
import { EXPIRING_CSV_COLUMNS, expiringCsvRows } from './expiring-report';
import { FLEET_CSV_COLUMNS, fleetCsvRows } from './fleet-report';
import {
  GetDenialsReport,
  GetExpiringReport,
  GetFleetReport,
  GetRefusalReport,
  GetUtilizationReport,
} from './queries';
import { REFUSALS_CSV_COLUMNS, refusalsCsvRows } from './refusal-report';
import {
  DenialsParams,
  ExpiringParams,
  FleetParams,
  RefusalReportParams,
  UtilizationParams,
  namesOf,
} from './reports.query-params';
import { hourRange } from './time-range';
import { seriesCsvRows } from './utilization-report';

const UTILIZATION_CSV_COLUMNS = ['license_id', 'holder_kind', 'cap', 'bucket_start'].concat([
  'peak',
  'average',
  'seat_ms',
]);

/**
 * Reports (U1, U2, O7), all from the read models: JSON, or CSV with ?format=csv (one row per
 * figure, a header naming each column, for a spreadsheet).
 */
@Controller('query/v1/reports')
@Roles('admin', 'auditor')
export class ReportsController {
  constructor(
    private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** U1: hourly peak and time-weighted average concurrent seats of one license. */
  @Get('utilization')
  async utilization(@Query() query: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    const q = decodeQuery(UtilizationParams, namesOf(UtilizationParams), query);
    const now = this.clock.now();
    const report = await this.queries.execute(
      new GetUtilizationReport({
        licenseId: q.license_id,
        range: hourRange(q, now),
        at: toIso(now),
        kind: q.kind,
      }),
    );
    if (report === null) throw notFound(`no license ${q.license_id}`);
    const rows = seriesCsvRows([report.license_id], report.series);
    return this.answer(
      reply,
      q.format,
      `utilization-${report.license_id}`,
      report,
      UTILIZATION_CSV_COLUMNS,
      rows,
    );
  }

  /** U1 for the fleet and per product: seats summed per holder kind, hour by hour. */
  @Get('fleet')
  async fleet(@Query() query: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    const q = decodeQuery(FleetParams, namesOf(FleetParams), query);
    const now = this.clock.now();
    const report = await this.queries.execute(
      new GetFleetReport({
        range: hourRange(q, now),
        at: toIso(now),
        productId: q.product_id,
        kind: q.kind,
      }),
    );
    return this.answer(
      reply,
      q.format,
      'fleet-utilization',
      report,
      FLEET_CSV_COLUMNS,
      fleetCsvRows(report),
    );
  }

  /** U2: refusals by reason, by kind and by license over a range of hours. */
  @Get('refusals')
  async refusals(@Query() query: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    const q = decodeQuery(RefusalReportParams, namesOf(RefusalReportParams), query);
    const range = hourRange(q, this.clock.now());
    const report = await this.queries.execute(
      new GetRefusalReport({ range, licenseId: q.license_id }),
    );
    return this.answer(
      reply,
      q.format,
      'refusals',
      report,
      REFUSALS_CSV_COLUMNS,
      refusalsCsvRows(report),
    );
  }

  /** U2 by who: refusals by license, reason and the machine or account refused. */
  @Get('denials')
  async denials(@Query() query: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    const q = decodeQuery(DenialsParams, namesOf(DenialsParams), query);
    const range = hourRange(q, this.clock.now());
    const filter = {
      ...(q.license_id === undefined ? {} : { licenseId: q.license_id }),
      ...(q.product_id === undefined ? {} : { productId: q.product_id }),
    };
    const report = await this.queries.execute(new GetDenialsReport({ range, filter }));
    return this.answer(
      reply,
      q.format,
      'denials',
      report,
      DENIALS_CSV_COLUMNS,
      denialsCsvRows(report),
    );
  }

  /** O7: licenses expiring within the next `within_days` days (default 30), soonest first. */
  @Get('expiring')
  async expiring(@Query() query: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    const q = decodeQuery(ExpiringParams, namesOf(ExpiringParams), query);
    const report = await this.queries.execute(
      new GetExpiringReport({
        at: toIso(this.clock.now()),
        days: q.within_days ?? 30,
        productId: q.product_id,
      }),
    );
    return this.answer(
      reply,
      q.format,
      'expiring',
      report,
      EXPIRING_CSV_COLUMNS,
      expiringCsvRows(report),
    );
  }

  /** The report as JSON, or as CSV text with the download headers. */
  private answer<T>(
    reply: FastifyReply,
    format: 'json' | 'csv' | undefined,
    name: string,
    report: T,
    columns: readonly string[],
    rows: readonly (readonly CsvValue[])[],
  ): T | string {
    if (format !== 'csv') return report;
    csvHeaders(reply, name);
    return csvTable(columns, rows);
  }
}
