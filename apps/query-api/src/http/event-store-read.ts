import { ApiError } from '@lic/app';
import { UnfoldableHistoryError } from '@lic/audit-chain';

/**
 * The answer of a query that reads the event store: a store that cannot be read is
 * EVENT_STORE_UNAVAILABLE (the client may retry); a history that does not decode is a defect
 * (logged, 500), not a reason to retry.
 */
export const fromEventStore = async <T>(read: Promise<T>): Promise<T> => {
  try {
    return await read;
  } catch (error) {
    if (error instanceof UnfoldableHistoryError) throw error;
    throw new ApiError('EVENT_STORE_UNAVAILABLE', 'the event store could not be read; retry');
  }
};
