import { GetDenialsReportHandler } from './get-denials-report.handler';
import { GetExpiringReportHandler } from './get-expiring-report.handler';
import { GetFleetReportHandler } from './get-fleet-report.handler';
import { GetRefusalReportHandler } from './get-refusal-report.handler';
import { GetUtilizationReportHandler } from './get-utilization-report.handler';

export { GetDenialsReport } from './get-denials-report.query';
export { GetExpiringReport } from './get-expiring-report.query';
export { GetFleetReport } from './get-fleet-report.query';
export { GetRefusalReport } from './get-refusal-report.query';
export { GetUtilizationReport } from './get-utilization-report.query';
export const REPORT_QUERY_HANDLERS = [
  GetUtilizationReportHandler,
  GetFleetReportHandler,
  GetRefusalReportHandler,
  GetDenialsReportHandler,
  GetExpiringReportHandler,
];
