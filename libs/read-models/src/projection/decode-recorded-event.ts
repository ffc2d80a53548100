import { decodeStoredEvent } from '@lic/domain';
import type { RecordedEvent } from '@lic/event-store';
import type { ProjectedEvent } from './projected-event';

/**
 * A recorded event as the projections see it, through the domain's one decode point
 * (decodeStoredEvent): a license or product event, else `other` — a foreign type (`known`
 * false) or a known type whose data does not decode (`known` true, reported).
 */
export const decodeRecordedEvent = (recorded: RecordedEvent): ProjectedEvent => {
  const stored = decodeStoredEvent(recorded.streamName, recorded.type, recorded.data);
  switch (stored.kind) {
    case 'license':
      return { kind: 'license', recorded, event: stored.event };
    case 'product':
      return { kind: 'product', recorded, event: stored.event };
    case 'foreign':
      return { kind: 'other', recorded, why: stored.why, known: false };
    case 'undecodable':
      return { kind: 'other', recorded, why: stored.why, known: true };
  }
};
