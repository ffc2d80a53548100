import { GetLiveSeatsHandler } from './get-live-seats.handler';
import { GetSeatsAsOfHandler } from './get-seats-as-of.handler';

export { GetLiveSeats } from './get-live-seats.query';
export { GetSeatsAsOf } from './get-seats-as-of.query';
export const SEATS_QUERY_HANDLERS = [GetLiveSeatsHandler, GetSeatsAsOfHandler];
