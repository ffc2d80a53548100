import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { DataSource } from 'typeorm';
import { READ_DB } from '../../infrastructure/tokens';
import { expiringReport } from '../expiring-report';
import { GetExpiringReport, type ExpiringReport } from './get-expiring-report.query';

@QueryHandler(GetExpiringReport)
export class GetExpiringReportHandler implements IQueryHandler<GetExpiringReport> {
  constructor(@Inject(READ_DB) private readonly db: DataSource) {}

  execute({ within }: GetExpiringReport): Promise<ExpiringReport> {
    return expiringReport(this.db, within.at, within.days, within.productId);
  }
}
