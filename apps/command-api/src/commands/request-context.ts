import type { Actor } from '@lic/domain';
import { actorToString } from '@lic/domain';
import type { EventMetadata } from '@lic/event-store';

/** Who asked, and which request: becomes the domain actor and the events' metadata. */
export interface RequestContext {
  readonly actor: Actor;
  readonly correlationId: string;
  readonly requestId: string;
}

export const metadataOf = (ctx: RequestContext): EventMetadata => ({
  correlationId: ctx.correlationId,
  causationId: ctx.requestId,
  actor: actorToString(ctx.actor),
});
