import { GetProjectionStatusHandler } from './get-projection-status.handler';

export { GetProjectionStatus } from './get-projection-status.query';
export const STATUS_QUERY_HANDLERS = [GetProjectionStatusHandler];
