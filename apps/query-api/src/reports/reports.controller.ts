import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { DataSource } from 'typeorm';
import { toIso } from '@lic/domain';
import type { Clock } from '@lic/clock';
import { BUCKET_MS } from '@lic/read-models';
import { Roles } from '../auth/roles.decorator';
import { csvHeaders, csvTable, type CsvValue } from '../csv/csv';
import { notFound, decodeQuery } from '@lic/app';
import { CLOCK, READ_DB } from '../infrastructure/tokens';
import { LicenseReader } from '../licenses/license-reader';
import { DENIALS_CSV_COLUMNS, denialsCsvRows, denialsReport } from './denials-report';
import { EXPIRING_CSV_COLUMNS, expiringCsvRows, expiringReport } from './expiring-report';
import { FLEET_CSV_COLUMNS, fleetCsvRows, fleetReport } from './fleet-report';
import { REFUSALS_CSV_COLUMNS, refusalReport, refusalsCsvRows } from './refusal-report';
import {
  DenialsQuery,
  ExpiringQuery,
  FleetQuery,
  RefusalsQuery,
  UtilizationQuery,
  namesOf,
} from './reports.queries';
import { hourRange } from './time-range';
import { seriesCsvRows, utilizationSeries } from './utilization-report';

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
    private readonly licenses: LicenseReader,
    @Inject(READ_DB) private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** U1: hourly peak and time-weighted average concurrent seats of one license. */
  @Get('utilization')
  async utilization(@Query() query: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    const q = decodeQuery(UtilizationQuery, namesOf(UtilizationQuery), query);
    const now = this.clock.now();
    const range = hourRange(q, now);
    const license = await this.licenses.get(q.license_id);
    if (license === null) throw notFound(`no license ${q.license_id}`);
    const series = await utilizationSeries(this.db, [license], range, toIso(now), q.kind);
    const report = {
      license_id: license.licenseId,
      from: toIso(range.from),
      to: toIso(range.to),
      bucket_ms: BUCKET_MS,
      series,
    };
    const rows = seriesCsvRows([license.licenseId], series);
    return this.answer(
      reply,
      q.format,
      `utilization-${license.licenseId}`,
      report,
      UTILIZATION_CSV_COLUMNS,
      rows,
    );
  }

  /** U1 for the fleet and per product: seats summed per holder kind, hour by hour. */
  @Get('fleet')
  async fleet(@Query() query: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    const q = decodeQuery(FleetQuery, namesOf(FleetQuery), query);
    const now = this.clock.now();
    const report = await fleetReport(this.db, hourRange(q, now), toIso(now), {
      ...(q.product_id === undefined ? {} : { productId: q.product_id }),
      ...(q.kind === undefined ? {} : { kind: q.kind }),
    });
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
    const q = decodeQuery(RefusalsQuery, namesOf(RefusalsQuery), query);
    const report = await refusalReport(this.db, hourRange(q, this.clock.now()), q.license_id);
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
    const q = decodeQuery(DenialsQuery, namesOf(DenialsQuery), query);
    const report = await denialsReport(this.db, hourRange(q, this.clock.now()), {
      ...(q.license_id === undefined ? {} : { licenseId: q.license_id }),
      ...(q.product_id === undefined ? {} : { productId: q.product_id }),
    });
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
    const q = decodeQuery(ExpiringQuery, namesOf(ExpiringQuery), query);
    const now = toIso(this.clock.now());
    const report = await expiringReport(this.db, now, q.within_days ?? 30, q.product_id);
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
