import type { AggregateDefinition, DomainEvent } from './aggregate-definition';
import { UnrecordableEventError } from './errors';
import { canonical, sameData } from './same-data';

/**
 * An event is appended only if it reads back as itself: serialized as a store keeps it
 * (JSON), parsed and read through the one decode point every reader uses (readStored:
 * upcasting, then its codec), it must be the same event. One that does not — an
 * instant past year 9999, a NaN, a value its codec refuses — would break its stream for good,
 * so the whole decision is refused before anything is written.
 */
export const checkRoundTrip = <E extends DomainEvent>(
  def: AggregateDefinition<unknown, E, unknown>,
  streamName: string,
  commandType: string,
  events: readonly E[],
): void => {
  for (const event of events) {
    const stored = JSON.parse(JSON.stringify({ type: event.type, data: event.data })) as {
      type: string;
      data: unknown;
    };
    const read = def.readStored(streamName, stored.type, stored.data);
    const problems =
      read.kind !== 'event'
        ? [read.why]
        : (sameData(read.event, event) ?? canonical(read.event) === canonical(event))
          ? []
          : ['it decodes to different data'];
    if (problems.length > 0) {
      throw new UnrecordableEventError(streamName, commandType, event.type, problems);
    }
  }
};
