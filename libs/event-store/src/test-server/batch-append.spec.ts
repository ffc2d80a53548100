import { credentials, type ClientDuplexStream } from '@grpc/grpc-js';
import { ServerFeaturesClient } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import type { SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';
import {
  Empty as SharedEmpty,
  UUID,
  WrongExpectedVersion,
} from '@eventstore/db-client/generated/shared_pb';
import { StreamsClient } from '@eventstore/db-client/generated/streams_grpc_pb';
import { BatchAppendReq, BatchAppendResp } from '@eventstore/db-client/generated/streams_pb';
import { Empty } from 'google-protobuf/google/protobuf/empty_pb';
import { Timestamp } from 'google-protobuf/google/protobuf/timestamp_pb';
import { randomUUID } from 'node:crypto';
import { streamIdentifier } from './messages';
import { KURRENTDB_25_VERSION } from './server-features';
import { startEsdbTestServer, type EsdbTestServer } from './start-esdb-test-server';

/**
 * Streams.BatchAppend at the protocol level, as @eventstore/db-client 6.2.1 speaks it
 * (dist/streams/appendToStream/batchAppend.js): one bidirectional call, requests tagged with a
 * correlation id, options first, events possibly over several requests, `is_final` last, a
 * deadline per request; answers matched back by correlation id.
 */
describe('the test server speaks Streams.BatchAppend as a KurrentDB 25 node', () => {
  let server: EsdbTestServer;
  let streams: StreamsClient;
  const address = () => server.connectionString.replace(/^esdb:\/\/|\?.*$/g, '');

  beforeAll(async () => {
    server = await startEsdbTestServer({ writeTimeoutMs: 300 });
    streams = new StreamsClient(address(), credentials.createInsecure());
  });
  afterAll(async () => {
    streams.close();
    await server.stop();
  });

  const uuid = (id: string) => new UUID().setString(id);
  const message = (type = 'Tested.v1') => {
    const m = new BatchAppendReq.ProposedMessage()
      .setId(uuid(randomUUID()))
      .setData(Buffer.from('{"n":1}'))
      .setCustomMetadata(Buffer.from('{}'));
    m.getMetadataMap().set('type', type).set('content-type', 'application/json');
    return m;
  };
  const options = (
    stream: string,
    expected: 'any' | 'no_stream' | bigint,
    deadline = new Date(Date.now() + 10_000),
  ) => {
    const o = new BatchAppendReq.Options()
      .setStreamIdentifier(streamIdentifier(stream))
      .setDeadline(Timestamp.fromDate(deadline));
    if (expected === 'any') o.setAny(new Empty());
    else if (expected === 'no_stream') o.setNoStream(new Empty());
    else o.setStreamPosition(expected.toString(10));
    return o;
  };
  const request = (
    correlation: string,
    parts: { options?: BatchAppendReq.Options; messages?: BatchAppendReq.ProposedMessage[] },
    isFinal: boolean,
  ) => {
    const r = new BatchAppendReq().setCorrelationId(uuid(correlation)).setIsFinal(isFinal);
    if (parts.options) r.setOptions(parts.options);
    r.setProposedMessagesList(parts.messages ?? []);
    return r;
  };

  /** Collects answers by correlation id. */
  const open = () => {
    const call: ClientDuplexStream<BatchAppendReq, BatchAppendResp> = streams.batchAppend();
    const answers: BatchAppendResp[] = [];
    const waiters: (() => void)[] = [];
    call.on('data', (r: BatchAppendResp) => {
      answers.push(r);
      for (const w of waiters.splice(0)) w();
    });
    const ended = new Promise<void>((resolve) => call.on('end', () => resolve()));
    call.on('error', () => undefined);
    const answerTo = async (correlation: string): Promise<BatchAppendResp> => {
      for (;;) {
        const found = answers.find((a) => a.getCorrelationId()?.getString() === correlation);
        if (found) return found;
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    };
    return { call, answers, answerTo, ended };
  };

  it('lists every client method a 25.x node lists, BatchAppend with deadline_duration', async () => {
    const features = new ServerFeaturesClient(address(), credentials.createInsecure());
    const answer = await new Promise<SupportedMethods>((resolve, reject) =>
      features.getSupportedMethods(new SharedEmpty(), (e, r) => (e ? reject(e) : resolve(r))),
    );
    features.close();
    expect(answer.getEventStoreServerVersion()).toBe(KURRENTDB_25_VERSION);
    const listed = answer
      .getMethodsList()
      .map((m) => `${m.getServiceName()}/${m.getMethodName()} ${m.getFeaturesList().join(',')}`);
    expect(listed).toEqual(
      expect.arrayContaining([
        'event_store.client.streams.streams/read position,events',
        'event_store.client.streams.streams/append ',
        'event_store.client.streams.streams/batchappend deadline_duration',
        'event_store.client.persistent_subscriptions.persistentsubscriptions/read stream,all',
        'event_store.client.projections.projections/create track_emitted_streams',
        'event_store.client.server_features.serverfeatures/getsupportedmethods ',
      ]),
    );
    expect(listed).toHaveLength(43); // streams 5, persistent 8, projections 10, operations 7, users 8, others 5
  });

  it('answers interleaved writes by correlation id; events may span several requests', async () => {
    const { call, answerTo } = open();
    const [a, b] = [randomUUID(), randomUUID()];
    const streamA = `batch-a-${a}`;
    call.write(
      request(a, { options: options(streamA, 'no_stream'), messages: [message()] }, false),
    );
    call.write(
      request(b, { options: options(`batch-b-${b}`, 'any'), messages: [message()] }, true),
    );
    const answerB = await answerTo(b);
    expect(answerB.getSuccess()?.getCurrentRevision()).toBe('0');
    call.write(request(a, { messages: [message(), message()] }, true));
    const answerA = await answerTo(a);
    expect(Buffer.from(answerA.getStreamIdentifier()!.getStreamName_asU8()).toString()).toBe(
      streamA,
    );
    const success = answerA.getSuccess()!;
    expect(success.getCurrentRevision()).toBe('2');
    expect(BigInt(success.getPosition()!.getCommitPosition())).toBeGreaterThan(
      BigInt(answerB.getSuccess()!.getPosition()!.getCommitPosition()),
    );
    call.end();
  });

  it('answers a conflict as a Status carrying event_store.client.WrongExpectedVersion', async () => {
    const { call, answerTo } = open();
    const id = randomUUID();
    call.write(
      request(id, { options: options(`batch-wev-${id}`, 3n), messages: [message()] }, true),
    );
    const error = (await answerTo(id)).getError()!;
    expect(error.getCode()).toBe(6); // ALREADY_EXISTS
    const details = error.getDetails()!;
    expect(details.getTypeName()).toBe('event_store.client.WrongExpectedVersion');
    const wrong = details.unpack(
      WrongExpectedVersion.deserializeBinary,
      'event_store.client.WrongExpectedVersion',
    )!;
    expect(wrong.hasCurrentNoStream()).toBe(true);
    expect(wrong.getExpectedStreamPosition()).toBe('3');
    call.end();
  });

  it('answers Timeout for a deadline already past, and for a write not completed in time', async () => {
    const { call, answerTo } = open();
    const [late, unfinished] = [randomUUID(), randomUUID()];
    const past = new Date(Date.now() - 1);
    call.write(
      request(late, { options: options(`late-${late}`, 'any', past), messages: [message()] }, true),
    );
    call.write(
      request(unfinished, { options: options(`slow-${unfinished}`, 'any'), messages: [] }, false),
    );
    for (const id of [late, unfinished]) {
      const error = (await answerTo(id)).getError()!;
      expect(error.getDetails()?.getTypeName()).toBe('event_store.client.Timeout');
    }
    // The unfinished write timed out (the server's write timeout, 300 ms here): finishing it
    // now is ignored, and nothing was written.
    call.write(request(unfinished, { messages: [message()] }, true));
    call.end();
    const { call: again, answerTo: answerAgain } = open();
    const check = randomUUID();
    again.write(
      request(
        check,
        { options: options(`slow-${unfinished}`, 'no_stream'), messages: [message()] },
        true,
      ),
    );
    expect((await answerAgain(check)).getSuccess()?.getCurrentRevision()).toBe('0');
    again.end();
  });

  it('refuses an event without its type as a bad request, writing nothing', async () => {
    const { call, answerTo } = open();
    const id = randomUUID();
    const untyped = message();
    untyped.getMetadataMap().del('type');
    call.write(
      request(id, { options: options(`untyped-${id}`, 'any'), messages: [untyped] }, true),
    );
    const error = (await answerTo(id)).getError()!;
    expect(error.getDetails()?.getTypeName()).toBe('event_store.client.BadRequest');
    expect(error.getMessage()).toMatch(/type/);
    call.end();
  });

  it('ends the call once the client has half-closed and every write is answered', async () => {
    const { call, answerTo, ended } = open();
    const id = randomUUID();
    call.write(request(id, { options: options(`end-${id}`, 'any'), messages: [message()] }, true));
    call.end();
    await answerTo(id);
    await ended;
  });
});
