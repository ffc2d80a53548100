import { Controller, Get, Inject, Query } from '@nestjs/common';
import * as t from 'io-ts';
import type { DataSource } from 'typeorm';
import { Id, toIso } from '@lic/domain';
import type { Clock } from '@lic/clock';
import { Roles } from '../auth/roles.decorator';
import { notFound } from '../http/api-error';
import { decodeQuery } from '../http/decode';
import { HolderKindParam } from '../http/query-codecs';
import { CLOCK, READ_DB } from '../infrastructure/tokens';
import { LicenseReader } from '../licenses/license-reader';
import { refusalReport } from './refusal-report';
import { TimeRangeProps, hourRange } from './time-range';
import { utilizationReport } from './utilization-report';

const UtilizationQuery = t.intersection([
  t.type({ licenseId: Id }),
  t.partial({ ...TimeRangeProps, kind: HolderKindParam }),
]);
const RefusalsQuery = t.partial({ ...TimeRangeProps, licenseId: Id });

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
  async utilization(@Query() query: unknown) {
    const q = decodeQuery(UtilizationQuery, ['licenseId', 'from', 'to', 'kind'], query);
    const range = hourRange(q, this.clock.now());
    const license = await this.licenses.get(q.licenseId);
    if (license === null) throw notFound(`no license ${q.licenseId}`);
    return {
      licenseId: license.licenseId,
      from: toIso(range.from),
      to: toIso(range.to),
      bucketMs: 3_600_000,
      series: await utilizationReport(this.db, license, range, q.kind),
    };
  }

  /** U2: refusals by reason, by kind and by license over a range of hours. */
  @Get('refusals')
  async refusals(@Query() query: unknown) {
    const q = decodeQuery(RefusalsQuery, ['from', 'to', 'licenseId'], query);
    return refusalReport(this.db, hourRange(q, this.clock.now()), q.licenseId);
  }
}
