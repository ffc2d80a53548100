import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { DataSource } from 'typeorm';
import { READ_DB } from '../../infrastructure/tokens';
import { refusalReport } from '../refusal-report';
import { GetRefusalReport, type RefusalReport } from './get-refusal-report.query';

@QueryHandler(GetRefusalReport)
export class GetRefusalReportHandler implements IQueryHandler<GetRefusalReport> {
  constructor(@Inject(READ_DB) private readonly db: DataSource) {}

  execute({ of }: GetRefusalReport): Promise<RefusalReport> {
    return refusalReport(this.db, of.range, of.licenseId);
  }
}
