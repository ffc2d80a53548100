import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { DataSource } from 'typeorm';
import { ReadMoment } from '../../consistency/read-moment';
import { READ_DB } from '../../infrastructure/tokens';
import { LicenseReader } from '../../licenses/license-reader';
import { RefusalReader } from '../../refusals/refusal-reader';
import { dashboardSnapshot, type DashboardSnapshot } from '../dashboard-snapshot';
import { GetDashboardSnapshot } from './get-dashboard-snapshot.query';

@QueryHandler(GetDashboardSnapshot)
export class GetDashboardSnapshotHandler implements IQueryHandler<GetDashboardSnapshot> {
  constructor(
    private readonly licenses: LicenseReader,
    private readonly refusals: RefusalReader,
    @Inject(READ_DB) private readonly db: DataSource,
    private readonly moment: ReadMoment,
  ) {}

  async execute(): Promise<DashboardSnapshot> {
    const readers = { db: this.db, licenses: this.licenses, refusals: this.refusals };
    return dashboardSnapshot(readers, await this.moment.take());
  }
}
