import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  NO_STREAM,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
  jsonEvent,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type Position,
} from '@eventstore/db-client';
import { fixedClock } from '@lic/clock';
import { randomUUID } from 'node:crypto';
import { startEsdbTestServer, type EsdbTestServer } from './start-esdb-test-server';

/**
 * The test double checked through the real client, for the behaviours of a real server the
 * adapter relies on (inclusive $all reads, exclusive subscription starts, stream-not-found
 * while iterating, conflict details, $maxCount, idempotent retries, checkpoints, drops).
 */
describe.each([
  ['BatchAppend advertised (KurrentDB 25)', true],
  ['plain Append (a server without BatchAppend)', false],
])('in-process EventStoreDB test server, %s, through @eventstore/db-client', (_, batchAppend) => {
  let server: EsdbTestServer;
  let client: EventStoreDBClient;
  const T0 = Date.parse('2026-03-01T12:00:00.000Z');
  const event = (data: Record<string, unknown> = {}, id = randomUUID()) =>
    jsonEvent({ id, type: 'Tested.v1', data, metadata: { actor: 'test' } });

  beforeAll(async () => {
    server = await startEsdbTestServer({ clock: fixedClock(T0), batchAppend });
    client = EventStoreDBClient.connectionString(server.connectionString);
  });
  afterAll(async () => {
    // The client appended through the path the server advertised, and only through it.
    const counts = server.callCounts();
    expect(counts.batchAppend > 0).toBe(batchAppend);
    expect(counts.append > 0).toBe(!batchAppend);
    await client.dispose();
    await server.stop();
  });

  async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
    const items: T[] = [];
    for await (const item of iterable) items.push(item);
    return items;
  }

  it('appends and reads back an event as the client sees it', async () => {
    const written = event({ n: 1 });
    const result = await client.appendToStream('srv-basic', written, {
      expectedRevision: NO_STREAM,
    });
    expect(result.success).toBe(true);
    expect(result.nextExpectedRevision).toBe(0n);
    expect(result.position?.commit).toBe(result.position?.prepare);
    const [read] = await collect(client.readStream('srv-basic'));
    expect(read.event).toMatchObject({
      id: written.id,
      streamId: 'srv-basic',
      revision: 0n,
      type: 'Tested.v1',
      isJson: true,
      data: { n: 1 },
      metadata: { actor: 'test' },
      position: result.position,
    });
    expect(read.event?.created.toISOString()).toBe('2026-03-01T12:00:00.000Z');
  });

  it('raises StreamNotFoundError while iterating a missing stream', async () => {
    const read = client.readStream('srv-missing');
    await expect(collect(read)).rejects.toBeInstanceOf(StreamNotFoundError);
  });

  it('answers a conflict with the details the client turns into WrongExpectedVersionError', async () => {
    await client.appendToStream('srv-conflict', [event(), event()]);
    const error = await client
      .appendToStream('srv-conflict', event(), { expectedRevision: 0n })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    expect(error).toMatchObject({
      streamName: 'srv-conflict',
      expectedVersion: 0n,
      actualVersion: 1n,
    });
    const missing = await client
      .appendToStream('srv-conflict-missing', event(), { expectedRevision: 'stream_exists' })
      .catch((e: unknown) => e);
    expect(missing).toMatchObject({ expectedVersion: 'stream_exists', actualVersion: 'no_stream' });
  });

  it('recognises a retried append by its event ids', async () => {
    const batch = [event(), event()];
    const first = await client.appendToStream('srv-idem', batch, { expectedRevision: NO_STREAM });
    const again = await client.appendToStream('srv-idem', batch, { expectedRevision: NO_STREAM });
    expect(again).toEqual(first);
    expect(await collect(client.readStream('srv-idem'))).toHaveLength(2);
  });

  it('reads $all forwards from a position inclusively, with sparse increasing positions', async () => {
    const a = await client.appendToStream('srv-all', [event(), event(), event()]);
    const events = await collect(client.readAll({ maxCount: 1_000 }));
    const positions = events.map((e) => e.event!.position.commit);
    expect(positions.every((p, i) => i === 0 || p > positions[i - 1] + 1n)).toBe(true);
    expect(events.some((e) => e.event!.streamId.startsWith('$'))).toBe(true); // system events
    const from = a.position!;
    const [first] = await collect(client.readAll({ fromPosition: from, maxCount: 1 }));
    expect(first.event?.position).toEqual(from);
    expect(first.commitPosition).toBe(from.commit);
  });

  it('refuses to read or subscribe from a position inside a record, like a real server', async () => {
    const { position } = await client.appendToStream('srv-invalid', event());
    const inside = { commit: position!.commit + 1n, prepare: position!.prepare + 1n };
    await expect(collect(client.readAll({ fromPosition: inside, maxCount: 1 }))).rejects.toThrow(
      /InvalidPosition/,
    );
    const subscription = client.subscribeToAll({ fromPosition: inside });
    await expect(collect(subscription)).rejects.toThrow(/invalid position/);
  });

  it('keeps only the last $maxCount events of a stream visible to reads', async () => {
    await client.setStreamMetadata('srv-capped', { maxCount: 1 });
    for (let i = 0; i < 3; i++) await client.appendToStream('srv-capped', event({ i }));
    const read = await collect(client.readStream('srv-capped'));
    expect(read.map((e) => e.event?.data)).toEqual([{ i: 2 }]);
    const [last] = await collect(
      client.readStream('srv-capped', { direction: BACKWARDS, fromRevision: END, maxCount: 1 }),
    );
    expect(last.event?.revision).toBe(2n);
    expect((await client.getStreamMetadata('srv-capped')).metadata).toEqual({ maxCount: 1 });
  });

  it('subscribes to $all after a position: confirmation, catch-up, caught-up, live, checkpoints', async () => {
    const start = await client.appendToStream('srv-sub-a', event({ n: 0 }));
    await client.appendToStream('srv-sub-a', event({ n: 1 }));
    await client.appendToStream('srv-other', event());
    const checkpoints: Position[] = [];
    const subscription = client.subscribeToAll({
      fromPosition: start.position,
      filter: streamNameFilter({
        prefixes: ['srv-sub-'],
        checkpointInterval: 1,
        maxSearchWindow: 1,
        checkpointReached: (_s, position) => void checkpoints.push(position),
      }),
    });
    const confirmed = new Promise((resolve) => subscription.once('confirmation', resolve));
    const caughtUp = new Promise((resolve) => subscription.once('caughtUp', resolve));
    const received: AllStreamResolvedEvent[] = [];
    const done = (async () => {
      for await (const resolved of subscription) {
        received.push(resolved);
        if (received.length === 2) break;
      }
    })();
    await confirmed;
    await caughtUp;
    await client.appendToStream('srv-other', event());
    await client.appendToStream('srv-sub-b', event({ n: 2 }));
    await done;
    expect(received.map((r) => r.event?.data)).toEqual([{ n: 1 }, { n: 2 }]);
    expect(checkpoints.length).toBeGreaterThan(0);
    await subscription.unsubscribe();
  });

  it('subscribes to a stream after a revision, before the stream exists', async () => {
    const subscription = client.subscribeToStream('srv-later', { fromRevision: 0n });
    const received: unknown[] = [];
    const done = (async () => {
      for await (const resolved of subscription) {
        received.push(resolved.event?.data);
        if (received.length === 2) break;
      }
    })();
    await client.appendToStream('srv-later', [event({ r: 0 }), event({ r: 1 }), event({ r: 2 })]);
    await done;
    expect(received).toEqual([{ r: 1 }, { r: 2 }]);
    await subscription.unsubscribe();
  });

  it('drops live subscriptions on demand: the client surfaces UnavailableError', async () => {
    const subscription = client.subscribeToAll({ fromPosition: END });
    const failed = new Promise((resolve) => subscription.once('error', resolve));
    await new Promise((resolve) => subscription.once('confirmation', resolve));
    expect(server.dropSubscriptions()).toBe(1);
    await expect(failed).resolves.toBeInstanceOf(UnavailableError);
    expect(server.dropSubscriptions()).toBe(0);
  });
});
