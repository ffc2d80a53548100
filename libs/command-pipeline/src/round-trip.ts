import * as E from 'fp-ts/Either';
import { PathReporter } from 'io-ts/PathReporter';
import type { AggregateDefinition, DomainEvent } from './aggregate-definition';
import { UnrecordableEventError } from './errors';

/** JSON with object keys sorted: two values are the same data iff these strings are equal. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, (v as Record<string, unknown>)[k]]),
        )
      : v,
  );

/**
 * An event is appended only if it reads back as itself: serialized as a store keeps it
 * (JSON), parsed and decoded with its codec, it must be the same data. One that does not — an
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
    const stored: unknown = JSON.parse(JSON.stringify({ type: event.type, data: event.data }));
    const decoded = def.eventCodec.decode(stored);
    const problems = E.isLeft(decoded)
      ? PathReporter.report(decoded)
      : canonical(decoded.right) === canonical(event)
        ? []
        : ['it decodes to different data'];
    if (problems.length > 0) {
      throw new UnrecordableEventError(streamName, commandType, event.type, problems);
    }
  }
};
