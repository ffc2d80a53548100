import type { EventStore } from '@lic/event-store';
import { ProjectionLagProbe } from '@lic/observability';
import { PROJECTED_STREAM_PREFIXES } from '@lic/read-models';

export type { Lag } from '@lic/observability';

/** The projection lag behind the store, over the streams the projector follows. */
export class LagProbe extends ProjectionLagProbe {
  constructor(eventStore: EventStore, cap: number) {
    super(eventStore, cap, PROJECTED_STREAM_PREFIXES);
  }
}
