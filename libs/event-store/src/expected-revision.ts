import type { ExpectedRevision } from './event-store.port';

/** Does a stream whose last revision is `current` (undefined: no stream) satisfy `expected`? */
export function satisfiesExpectedRevision(
  expected: ExpectedRevision,
  current: bigint | undefined,
): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return current === undefined;
    case 'stream_exists':
      return current !== undefined;
    default:
      return current === expected;
  }
}
