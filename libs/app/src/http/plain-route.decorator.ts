import { SetMetadata } from '@nestjs/common';

export const PLAIN_ROUTE = 'app:plain-route';

/**
 * Operational routes (probes, metrics) that do not read the read models: no read-your-writes
 * wait and no X-Read-Model-Position, so they answer even when the read database does not.
 */
export const PlainRoute = () => SetMetadata(PLAIN_ROUTE, true);
