import { fromIso } from '@lic/domain';
import type { RefusalKindName } from '../../schema/entities';
import { bucketStartIso } from '../utilization/buckets';
import type { LicenseProjected } from '../projected-event';
import type { Projection, RowChange } from '../row-change';

const increment = (
  licenseId: string,
  kind: RefusalKindName,
  reason: string,
  at: string,
  count: number,
): RowChange[] =>
  count === 0
    ? []
    : [
        {
          table: 'refusal_counts',
          increment: { licenseId, kind, reason, bucketStart: bucketStartIso(fromIso(at)), count },
        },
      ];

/**
 * U2: every refusal counted by reason. A `*Refused.v1` event is one refusal, in the hour it was
 * decided; a `RefusalsTallied.v1` is `count` refusals, in the hour of its `to` (the last one).
 */
export const refusalsProjection: Projection<LicenseProjected> = (p): RowChange[] => {
  const e = p.event;
  const id = e.data.licenseId;
  switch (e.type) {
    case 'ActivationRefused.v1':
      return increment(id, 'activation', e.data.reason, e.data.at, 1);
    case 'CheckoutRefused.v1':
      return increment(id, 'checkout', e.data.reason, e.data.at, 1);
    case 'SessionRefused.v1':
      return increment(id, 'session', e.data.reason, e.data.at, 1);
    case 'ValidationRefused.v1':
      return increment(id, 'validation', e.data.reason, e.data.at, 1);
    case 'RefusalsTallied.v1':
      return increment(id, e.data.kind, e.data.reason, e.data.to, e.data.count);
    default:
      return [];
  }
};
