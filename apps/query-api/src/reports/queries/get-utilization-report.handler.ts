import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { DataSource } from 'typeorm';
import { READ_DB } from '../../infrastructure/tokens';
import { LicenseReader } from '../../licenses/license-reader';
import { utilizationReport } from '../utilization-report';
import { GetUtilizationReport, type UtilizationReport } from './get-utilization-report.query';

@QueryHandler(GetUtilizationReport)
export class GetUtilizationReportHandler implements IQueryHandler<GetUtilizationReport> {
  constructor(
    private readonly licenses: LicenseReader,
    @Inject(READ_DB) private readonly db: DataSource,
  ) {}

  async execute({ of }: GetUtilizationReport): Promise<UtilizationReport | null> {
    const license = await this.licenses.get(of.licenseId);
    return license === null ? null : utilizationReport(this.db, license, of.range, of.at, of.kind);
  }
}
