import { GetDashboardSnapshotHandler } from './get-dashboard-snapshot.handler';

export { GetDashboardSnapshot } from './get-dashboard-snapshot.query';
export const DASHBOARD_QUERY_HANDLERS = [GetDashboardSnapshotHandler];
