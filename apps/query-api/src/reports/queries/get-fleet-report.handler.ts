import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { DataSource } from 'typeorm';
import { READ_DB } from '../../infrastructure/tokens';
import { fleetReport } from '../fleet-report';
import { GetFleetReport, type FleetReport } from './get-fleet-report.query';

@QueryHandler(GetFleetReport)
export class GetFleetReportHandler implements IQueryHandler<GetFleetReport> {
  constructor(@Inject(READ_DB) private readonly db: DataSource) {}

  execute({ of: { range, at, productId, kind } }: GetFleetReport): Promise<FleetReport> {
    return fleetReport(this.db, range, at, {
      ...(productId === undefined ? {} : { productId }),
      ...(kind === undefined ? {} : { kind }),
    });
  }
}
