import {
  ANY,
  EventStoreDBClient,
  NO_STREAM,
  WrongExpectedVersionError,
  jsonEvent,
  type AppendExpectedRevision,
  type EventData,
} from '@eventstore/db-client';
import { randomUUID } from 'node:crypto';
import { startEsdbTestServer, type EsdbTestServer } from './start-esdb-test-server';

/**
 * Idempotent appends as a KurrentDB node has them, checked through the client on both append
 * paths: a retry (same ids, same expected revision) succeeds without writing; a partial retry
 * is a conflict; `any` is idempotent only while the node still remembers the ids.
 */
describe.each([
  ['BatchAppend', true],
  ['Append', false],
])('idempotent appends over %s', (_, batchAppend) => {
  let server: EsdbTestServer;
  let client: EventStoreDBClient;
  beforeAll(async () => {
    server = await startEsdbTestServer({ batchAppend, idCacheSize: 4 });
    client = EventStoreDBClient.connectionString(server.connectionString);
  });
  afterAll(async () => {
    await client.dispose();
    await server.stop();
  });

  const event = () => jsonEvent({ id: randomUUID(), type: 'Tested.v1', data: {} });
  const events = (n: number) => Array.from({ length: n }, event);
  const ids = async (stream: string) => {
    const out: string[] = [];
    for await (const e of client.readStream(stream)) out.push(e.event!.id);
    return out;
  };
  const append = (stream: string, batch: EventData[], expectedRevision: AppendExpectedRevision) =>
    client.appendToStream(stream, batch, { expectedRevision });

  it('a retry of the same ids at the same expected revision succeeds and writes nothing', async () => {
    const stream = `idem-${randomUUID()}`;
    const first = events(2);
    const second = events(3);
    const a = await append(stream, first, NO_STREAM);
    const b = await append(stream, second, 1n);
    await append(stream, events(1), 4n); // the stream moved on since
    expect(await append(stream, first, NO_STREAM)).toEqual(a);
    expect(await append(stream, second, 1n)).toEqual(b);
    expect(await ids(stream)).toHaveLength(6);
  });

  it('a partial retry (some ids written, some new) is a wrong expected version', async () => {
    const stream = `partial-${randomUUID()}`;
    const [e1, e2, e3] = events(3);
    await append(stream, [e1, e2], NO_STREAM);
    await expect(append(stream, [e1, e2, e3], NO_STREAM)).rejects.toBeInstanceOf(
      WrongExpectedVersionError,
    );
    await expect(append(stream, [e1, e3], NO_STREAM)).rejects.toBeInstanceOf(
      WrongExpectedVersionError,
    );
    expect(await ids(stream)).toEqual([e1.id, e2.id]);
  });

  it('the same ids at another expected revision are a conflict, not a retry', async () => {
    const stream = `shifted-${randomUUID()}`;
    const [e1, e2] = events(2);
    await append(stream, [e1], NO_STREAM);
    await append(stream, [e2], 0n);
    await expect(append(stream, [e2], NO_STREAM)).rejects.toBeInstanceOf(WrongExpectedVersionError);
  });

  it('any: idempotent while the node remembers the ids, written again once it has forgotten them', async () => {
    const stream = `any-${randomUUID()}`;
    const batch = events(2);
    const first = await append(stream, batch, ANY);
    expect(await append(stream, batch, ANY)).toEqual(first);
    expect(await ids(stream)).toHaveLength(2);
    await append(`other-${randomUUID()}`, events(4), ANY); // pushes the ids out (cache of 4)
    await append(stream, batch, ANY);
    expect(await ids(stream)).toHaveLength(4); // no guarantee with any, as documented
  });
});
