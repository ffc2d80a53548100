import {
  ExportWriter,
  SEAL_STREAM,
  decidedAt,
  inWindow,
  type ExportFilter,
  type SealingKey,
} from '@lic/audit-chain';
import type { EventStore, RecordedEvent } from '@lic/event-store';

/**
 * The export of a store, as NDJSON lines: a header, every seal, the events the filter selects
 * (one license's stream, or every stream in commit order; decided in [from, to)) with their
 * chain links, and a manifest signed with `key` over the digest of everything before it.
 */
export async function* exportStore(
  store: EventStore,
  filter: ExportFilter,
  exportedAt: string,
  key: () => SealingKey,
  jwks: { readonly keys: readonly unknown[] },
): AsyncGenerator<string> {
  const writer = new ExportWriter(exportedAt, filter, jwks);
  yield writer.header();
  for await (const seal of store.readStream(SEAL_STREAM)) yield writer.seal(seal);
  const events: AsyncIterable<RecordedEvent> =
    filter.license === undefined ? store.readAll() : store.readStream(`license-${filter.license}`);
  for await (const e of events) {
    if (e.streamName === SEAL_STREAM || !inWindow(decidedAt(e), filter)) continue;
    yield writer.event(e);
  }
  yield await writer.manifest(key());
}
