import { ListRefusalsHandler } from './list-refusals.handler';

export { ListRefusals } from './list-refusals.query';
export const REFUSAL_QUERY_HANDLERS = [ListRefusalsHandler];
