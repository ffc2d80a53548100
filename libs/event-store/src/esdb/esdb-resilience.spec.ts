import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { EventStoreUnavailableError, type NewEvent } from '../event-store.port';
import { SubscriptionProbe, collect, newEvent, newEvents } from '../testing/contract-fixtures';
import { startEsdbTestServer, type EsdbTestServer } from '../test-server';
import { openEsdbEventStore } from './open-esdb-event-store';

const ids = (events: readonly { id: string }[]) => events.map((e) => e.id);

describe.each([
  ['BatchAppend', true],
  ['Append', false],
])('the KurrentDB adapter when the server fails (%s path)', (_, batchAppend) => {
  jest.setTimeout(60_000);
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'esdb-resilience-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a server that stops answering fails each call at its deadline with EventStoreUnavailableError; close() does not hang', async () => {
    const server = await startEsdbTestServer({ batchAppend });
    const { eventStore, snapshotStore } = openEsdbEventStore({
      connectionString: server.connectionString,
      deadlineMs: 2_000,
    });
    try {
      const stream = `hung-${newEvent().id}`;
      await eventStore.appendToStream(stream, [newEvent()], 'no_stream');
      server.pause();
      const lost = [newEvent()];
      const started = performance.now();
      const calls = [
        () => eventStore.appendToStream(stream, lost, 0n),
        () => collect(eventStore.readStream(stream)),
        () => collect(eventStore.readAll()),
        () => snapshotStore.load(stream),
        () => snapshotStore.save(stream, { revision: 0n, schemaVersion: 'v1', state: {} }),
        () => eventStore.ping(),
      ];
      for (const call of calls) {
        await expect(call()).rejects.toBeInstanceOf(EventStoreUnavailableError);
      }
      expect(performance.now() - started).toBeLessThan(6 * 2_000 + 8_000);

      // The append's outcome was unknown; once the server answers again, retrying it with the
      // same events and expected revision is safe: written once, whatever happened before.
      server.resume();
      await expect(eventStore.appendToStream(stream, lost, 0n)).resolves.toMatchObject({
        nextExpectedRevision: 1n,
      });
      expect(await collect(eventStore.readStream(stream))).toHaveLength(2);

      server.pause();
      const inFlight = eventStore.appendToStream(stream, [newEvent()], 1n);
      const closing = performance.now();
      await eventStore.close();
      expect(performance.now() - closing).toBeLessThan(5_000);
      await expect(inFlight).rejects.toBeInstanceOf(EventStoreUnavailableError);
    } finally {
      server.resume();
      await eventStore.close();
      await server.stop();
    }
  });

  it('appends under load survive a server restart: every one acknowledged once, the subscription goes on without gap or duplicate', async () => {
    const file = join(dir, 'log.jsonl');
    let server: EsdbTestServer = await startEsdbTestServer({ batchAppend, file });
    const port = server.port;
    const { eventStore } = openEsdbEventStore({
      connectionString: server.connectionString,
      deadlineMs: 15_000,
    });
    const prefix = `restart-${newEvent().id.slice(0, 8)}`;
    const probe = new SubscriptionProbe(eventStore.subscribeToAll({ streamPrefixes: [prefix] }));
    const written = new Map<string, NewEvent[]>();
    const writer = async (w: number) => {
      const stream = `${prefix}-${w}`;
      written.set(stream, []);
      let revision: bigint | 'no_stream' = 'no_stream';
      for (let i = 0; i < 40; i++) {
        const batch = newEvents(1 + (i % 2));
        const result = await eventStore.appendToStream(stream, batch, revision);
        revision = result.nextExpectedRevision;
        written.get(stream)!.push(...batch);
      }
    };
    try {
      const writers = Promise.all(Array.from({ length: 8 }, (_, w) => writer(w)));
      await probe.until((r) => r.length >= 60);
      await server.stop(); // appends and the subscription in flight lose their calls
      await new Promise((resolve) => setTimeout(resolve, 300));
      server = await startEsdbTestServer({ batchAppend, file, port });
      await writers;

      const total = [...written.values()].reduce((n, events) => n + events.length, 0);
      expect(total).toBe(8 * 60);
      for (const [stream, events] of written) {
        expect(ids(await collect(eventStore.readStream(stream)))).toEqual(ids(events));
      }
      const received = await probe.until((r) => r.length >= total, 20_000);
      await probe.expectQuiet(200);
      expect(new Set(ids(received)).size).toBe(total);
      const truth = (await collect(eventStore.readAll())).filter((e) =>
        e.streamName.startsWith(prefix),
      );
      expect(ids(received)).toEqual(ids(truth));
    } finally {
      await probe.close();
      await eventStore.close();
      await server.stop();
    }
  });
});
