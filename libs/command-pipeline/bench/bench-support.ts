// What the store benches share: their percentile and the bulk append that seeds long streams.
import { randomUUID } from 'node:crypto';
import type { LicenseEvent } from '@lic/domain';
import type { EventStore } from '@lic/event-store';
import { meta } from '../src/testing/builders';

/** The q-quantile (0..1) of `xs`, by index floor(n·q); NaN when empty. */
export const percentile = (xs: readonly number[], q: number): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? NaN;
};

/** Appends a license's events in one call at `revision`; the next expected revision. */
export const appendBulk = async (
  store: EventStore,
  licenseId: string,
  events: readonly LicenseEvent[],
  revision: bigint | 'no_stream',
): Promise<bigint> => {
  const result = await store.appendToStream(
    `license-${licenseId}`,
    events.map((e) => ({
      id: randomUUID(),
      type: e.type,
      data: e.data,
      metadata: meta('license:bench'),
    })),
    revision,
  );
  return result.nextExpectedRevision;
};
