import type { ReadReq } from '@eventstore/db-client/generated/streams_pb';
import type { LoggedEvent } from './in-memory-log';

/** The server's default search window when the client sends `count` rather than `max`. */
const DEFAULT_SEARCH_WINDOW = 32;

export interface EventFilter {
  matches(event: LoggedEvent): boolean;
  /** A filtered subscription reports a checkpoint after this many events looked at. */
  readonly checkpointInterval: number;
}

/** ReadReq.Options.FilterOptions: prefixes or a regex, on the stream name or the event type. */
export function eventFilterFrom(options: ReadReq.Options.FilterOptions): EventFilter {
  const onStream = options.hasStreamIdentifier();
  const expression = onStream ? options.getStreamIdentifier() : options.getEventType();
  if (expression === undefined) throw new Error('filter without an expression');
  const prefixes = expression.getPrefixList();
  const regex = expression.getRegex() === '' ? undefined : new RegExp(expression.getRegex());
  const subject = (event: LoggedEvent) => (onStream ? event.streamName : event.type);
  const window = options.hasMax() ? options.getMax() : DEFAULT_SEARCH_WINDOW;
  return {
    matches: (event) => {
      const value = subject(event);
      if (prefixes.length > 0) return prefixes.some((p) => value.startsWith(p));
      return regex === undefined || regex.test(value);
    },
    checkpointInterval: Math.max(1, options.getCheckpointintervalmultiplier() * window),
  };
}
