import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { DataSource } from 'typeorm';
import { READ_DB } from '../../infrastructure/tokens';
import { denialsReport } from '../denials-report';
import { GetDenialsReport, type DenialsReport } from './get-denials-report.query';

@QueryHandler(GetDenialsReport)
export class GetDenialsReportHandler implements IQueryHandler<GetDenialsReport> {
  constructor(@Inject(READ_DB) private readonly db: DataSource) {}

  execute({ of }: GetDenialsReport): Promise<DenialsReport> {
    return denialsReport(this.db, of.range, of.filter);
  }
}
