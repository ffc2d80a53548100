import type { EventStore } from '@lic/event-store';
import { PROJECTED_STREAM_PREFIXES } from '@lic/read-models';

/** Events a rebuild will project (one pass over $all): the progress bar's total. */
export const countProjectedEvents = async (eventStore: EventStore, upTo?: bigint | null) => {
  let n = 0;
  for await (const e of eventStore.readAll()) {
    if (upTo !== undefined && upTo !== null && e.position > upTo) break;
    if (PROJECTED_STREAM_PREFIXES.some((p) => e.streamName.startsWith(p))) n++;
  }
  return n;
};
