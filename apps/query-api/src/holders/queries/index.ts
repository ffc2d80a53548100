import { ListHoldersHandler } from './list-holders.handler';

export { ListHolders } from './list-holders.query';
export const HOLDER_QUERY_HANDLERS = [ListHoldersHandler];
