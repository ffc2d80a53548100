import { EventStoreDBClient, binaryEvent, jsonEvent } from '@eventstore/db-client';
import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '../event-store.port';
import { SubscriptionProbe, collect, newEvent } from '../testing/contract-fixtures';
import { startEsdbTestServer, type EsdbTestServer } from '../test-server';
import { toClientConnectionString } from './connection-string';
import { openEsdbEventStore, type EsdbStores } from './open-esdb-event-store';

const realServer = process.env.EVENTSTORE_URL;

/**
 * A KurrentDB is often shared: $all holds events other applications wrote, in any shape. The
 * readers of $all (readAll, subscribeToAll: projector, rebuild, audit:verify, store:copy, the
 * lag probe) skip them instead of failing. They are written here with the raw client.
 */
describe('events this project did not write, in a shared KurrentDB', () => {
  let server: EsdbTestServer | undefined;
  let raw: EventStoreDBClient;
  let stores: EsdbStores;
  const foreign: string[] = [];
  const prefix = `shared-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    const url = realServer ?? (server = await startEsdbTestServer()).connectionString;
    raw = EventStoreDBClient.connectionString(toClientConnectionString(url) ?? url);
    stores = openEsdbEventStore({
      connectionString: url,
      onForeignEvent: (description) => foreign.push(description),
    });
  });
  afterAll(async () => {
    await raw?.dispose();
    await stores.eventStore.close();
    await server?.stop();
  });

  const writeForeignEvents = async (stream: string) => {
    await raw.appendToStream(stream, [
      binaryEvent({ type: 'Binary', data: new Uint8Array([0, 255, 1]) }),
      jsonEvent({ type: 'NoMetadata', data: { a: 1 } }),
      jsonEvent({ type: 'OtherMetadata', data: { a: 1 }, metadata: { user: 'someone else' } }),
      binaryEvent({
        type: 'BinaryMetadata',
        data: new Uint8Array([1]),
        metadata: new Uint8Array([0xff, 0xfe]),
      }),
      jsonEvent({ type: 'ArrayData', data: [1, 2] as unknown as Record<string, unknown> }),
    ]);
  };

  it('readAll hands over our events around them and skips the others', async () => {
    const mine = newEvent();
    const before = await stores.eventStore.appendToStream(`${prefix}-mine`, [mine], 'no_stream');
    await writeForeignEvents(`${prefix}-theirs`);
    const after = newEvent();
    await stores.eventStore.appendToStream(`${prefix}-mine`, [after], 0n);
    const read = await collect(stores.eventStore.readAll());
    const ours = read.filter((e) => e.streamName.startsWith(prefix));
    expect(ours.map((e) => e.id)).toEqual([mine.id, after.id]);
    expect(read.every((e) => e.position > 0n)).toBe(true);
    expect(read.some((e) => e.position === before.position)).toBe(true);
    expect(foreign.length).toBeGreaterThanOrEqual(5);
  });

  it('a subscription to $all, from the start or with prefixes, skips them too and goes on', async () => {
    const marker = await stores.eventStore.appendToStream(
      `${prefix}-sub`,
      [newEvent()],
      'no_stream',
    );
    const all = new SubscriptionProbe(stores.eventStore.subscribeToAll({ after: marker.position }));
    const prefixed = new SubscriptionProbe(
      stores.eventStore.subscribeToAll({ after: marker.position, streamPrefixes: [prefix] }),
    );
    try {
      await writeForeignEvents(`${prefix}-sub-theirs`);
      const last = newEvent();
      await stores.eventStore.appendToStream(`${prefix}-sub`, [last], 0n);
      const hasLast = (received: readonly RecordedEvent[]) =>
        received.some((e) => e.id === last.id);
      for (const probe of [all, prefixed]) {
        const received = await probe.until(hasLast);
        expect(received.filter((e) => e.streamName.startsWith(prefix)).map((e) => e.id)).toEqual([
          last.id,
        ]);
      }
    } finally {
      await all.close();
      await prefixed.close();
    }
  });

  it('a stream of our own with a foreign event in it is still an error (it would be corruption)', async () => {
    const stream = `${prefix}-corrupt`;
    await stores.eventStore.appendToStream(stream, [newEvent()], 'no_stream');
    await raw.appendToStream(stream, binaryEvent({ type: 'Binary', data: new Uint8Array([1]) }));
    await expect(collect(stores.eventStore.readStream(stream))).rejects.toThrow(/not JSON/);
  });
});
