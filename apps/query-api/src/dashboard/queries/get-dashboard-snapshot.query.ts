import { Query } from '@nestjs/cqrs';
import type { DashboardSnapshot } from '../dashboard-snapshot';

/** A2: every license with its live seats, fleet totals, the latest refusals, what expires. */
export class GetDashboardSnapshot extends Query<DashboardSnapshot> {}
