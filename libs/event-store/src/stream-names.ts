import type { NewEvent } from './event-store.port';

/**
 * Snapshots live in `snapshot-<stream>` on EventStoreDB. They are not domain events, so every
 * adapter hides these streams from readAll / subscribeToAll and refuses appends to them.
 */
export const SNAPSHOT_STREAM_PREFIX = 'snapshot-';

export const snapshotStreamOf = (streamName: string): string =>
  `${SNAPSHOT_STREAM_PREFIX}${streamName}`;

/** `$`-prefixed streams and event types belong to the store itself (EventStoreDB convention). */
export const isSystemName = (name: string): boolean => name.startsWith('$');

/** True for events the port hands to its users: no system stream/type, no snapshot stream. */
export const isDomainEvent = (streamName: string, type: string): boolean =>
  !isSystemName(streamName) &&
  !isSystemName(type) &&
  !streamName.startsWith(SNAPSHOT_STREAM_PREFIX);

export const matchesStreamPrefixes = (
  streamName: string,
  prefixes: readonly string[] | undefined,
): boolean => prefixes === undefined || prefixes.some((p) => streamName.startsWith(p));

/** Rejects appends the port does not allow, with an error that says why. */
export function assertAppendable(streamName: string, events: readonly NewEvent[]): void {
  if (streamName.length === 0) throw new RangeError('appendToStream: the stream name is empty');
  if (isSystemName(streamName)) {
    throw new RangeError(`appendToStream: "${streamName}" is a system stream ($-prefixed)`);
  }
  if (streamName.startsWith(SNAPSHOT_STREAM_PREFIX)) {
    throw new RangeError(
      `appendToStream: "${streamName}" is reserved for snapshots (${SNAPSHOT_STREAM_PREFIX}*)`,
    );
  }
  if (events.length === 0) {
    throw new RangeError(`appendToStream: no events to append to "${streamName}"`);
  }
  for (const event of events) {
    if (isSystemName(event.type)) {
      throw new RangeError(`appendToStream: event type "${event.type}" is a system type`);
    }
  }
}
