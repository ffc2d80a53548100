/**
 * Event store benchmark: `npm run bench:store`. Prints one table per section. Each section is
 * a function of the opened adapters, so more sections (e.g. per-command latency) are added
 * to SECTIONS below; the adapter-opening helpers are exported for them.
 */
import { SystemClock } from '@lic/clock';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  EventStore,
  ExpectedRevision,
  NewEvent,
  SnapshotStore,
} from '../src/event-store.port';
import { openEsdbEventStore } from '../src/esdb/open-esdb-event-store';
import { openSqliteEventStore } from '../src/sqlite/open-sqlite-event-store';
import { printSetup, withoutCredentials, type StoreSetup } from './store-setup';
import { startTestServerProcess } from './test-server-process';

export interface BenchAdapter {
  readonly name: string;
  /** What is really being measured (file location, which server). */
  readonly description: string;
  /** The same, as npm run bench reads it: the store and the settings it runs with. */
  readonly setup: StoreSetup;
  readonly eventStore: EventStore;
  readonly snapshotStore: SnapshotStore;
  close(): Promise<void>;
}

export function openSqliteBenchAdapter(): BenchAdapter {
  const dir = mkdtempSync(join(tmpdir(), 'event-store-bench-'));
  const file = join(dir, 'events.db');
  const { eventStore, snapshotStore, settings } = openSqliteEventStore({
    file,
    clock: new SystemClock(),
  });
  return {
    name: 'SQLite',
    description: `file ${file} (journal_mode=${settings.journalMode}, synchronous=${settings.synchronous}, group commit)`,
    setup: { kind: 'sqlite', file, ...settings },
    eventStore,
    snapshotStore,
    close: async () => {
      await eventStore.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * EVENTSTORE_URL if set; otherwise the gRPC test server in a process of its own (not a real
 * EventStoreDB).
 */
export async function openEsdbBenchAdapter(): Promise<BenchAdapter> {
  const url = process.env.EVENTSTORE_URL;
  if (url !== undefined) {
    const { eventStore, snapshotStore } = openEsdbEventStore({ connectionString: url });
    return {
      name: 'EventStoreDB',
      description: `real EventStoreDB at ${withoutCredentials(url)}`,
      setup: { kind: 'esdb', testServer: false, url: withoutCredentials(url) },
      eventStore,
      snapshotStore,
      close: () => eventStore.close(),
    };
  }
  const server = await startTestServerProcess();
  const { eventStore, snapshotStore } = openEsdbEventStore({
    connectionString: server.connectionString,
  });
  return {
    name: 'ESDB test server',
    description:
      'gRPC TEST SERVER IN ITS OWN PROCESS, NOT A REAL EventStoreDB: measures the client, gRPC ' +
      'over loopback and an in-memory log in a second Node process (set EVENTSTORE_URL for a ' +
      'real server)',
    setup: { kind: 'esdb', testServer: true, url: server.connectionString },
    eventStore,
    snapshotStore,
    close: async () => {
      await eventStore.close();
      await server.stop();
    },
  };
}

export async function openBenchAdapters(): Promise<BenchAdapter[]> {
  return [openSqliteBenchAdapter(), await openEsdbBenchAdapter()];
}

export type Row = readonly string[];

export interface BenchSection {
  readonly title: string;
  readonly headers: Row;
  run(adapters: readonly BenchAdapter[]): Promise<Row[]>;
}

export const benchEvent = (i: number): NewEvent => ({
  id: randomUUID(),
  type: 'BenchAppended.v1',
  data: { i, licenseId: `lic-${i % 100}`, seats: 10, note: 'x'.repeat(64) },
  metadata: { correlationId: randomUUID(), causationId: null, actor: 'system:bench' },
});

/**
 * Sequential appends of `batchSize` events, round-robin over `streams` streams, each with the
 * expected revision of the previous append (the command path's optimistic concurrency).
 */
export async function measureAppends(
  store: EventStore,
  {
    batchSize,
    totalEvents,
    streams,
  }: { readonly batchSize: number; readonly totalEvents: number; readonly streams: number },
): Promise<{ eventsPerSecond: number; appendsPerSecond: number; ms: number }> {
  const prefix = `bench${randomUUID().slice(0, 8)}`;
  const revisions = new Map<string, bigint>();
  const appends = Math.ceil(totalEvents / batchSize);
  const started = performance.now();
  for (let a = 0; a < appends; a++) {
    const stream = `${prefix}-${a % streams}`;
    const expected: ExpectedRevision = revisions.get(stream) ?? 'no_stream';
    const events = Array.from({ length: batchSize }, (_, i) => benchEvent(a * batchSize + i));
    const result = await store.appendToStream(stream, events, expected);
    revisions.set(stream, result.nextExpectedRevision);
  }
  const ms = performance.now() - started;
  return {
    eventsPerSecond: (appends * batchSize * 1000) / ms,
    appendsPerSecond: (appends * 1000) / ms,
    ms,
  };
}

const formatRate = (n: number): string => Math.round(n).toLocaleString('en-US');

export const appendThroughputSection: BenchSection = {
  title: 'Append throughput (sequential appends, one at a time)',
  headers: ['adapter', 'events/append', 'events', 'appends/s', 'events/s', 'elapsed'],
  async run(adapters) {
    const rows: Row[] = [];
    for (const adapter of adapters) {
      for (const { batchSize, totalEvents } of [
        { batchSize: 1, totalEvents: 3_000 },
        { batchSize: 100, totalEvents: 30_000 },
      ]) {
        await measureAppends(adapter.eventStore, { batchSize, totalEvents: 200, streams: 10 }); // warm-up
        const r = await measureAppends(adapter.eventStore, { batchSize, totalEvents, streams: 50 });
        rows.push([
          adapter.name,
          String(batchSize),
          totalEvents.toLocaleString('en-US'),
          formatRate(r.appendsPerSecond),
          formatRate(r.eventsPerSecond),
          `${(r.ms / 1000).toFixed(2)} s`,
        ]);
      }
    }
    return rows;
  },
};

/**
 * `appenders` loops at once, each appending one event at a time to a stream of its own (as
 * concurrent commands on different licenses do): on SQLite, what group commit takes in one
 * transaction. The CPU is this process's, all threads (SQLite's writer thread included; the
 * ESDB test server's own process is not counted).
 */
export async function measureConcurrentAppends(
  store: EventStore,
  { appenders, totalEvents }: { readonly appenders: number; readonly totalEvents: number },
): Promise<{ events: number; eventsPerSecond: number; cpuMicrosPerEvent: number; ms: number }> {
  const prefix = `bench${randomUUID().slice(0, 8)}`;
  const perAppender = Math.ceil(totalEvents / appenders);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: appenders }, async (_, a) => {
      let expected: ExpectedRevision = 'no_stream';
      for (let i = 0; i < perAppender; i++) {
        const event = benchEvent(a * perAppender + i);
        expected = (await store.appendToStream(`${prefix}-${a}`, [event], expected))
          .nextExpectedRevision;
      }
    }),
  );
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const events = appenders * perAppender;
  return {
    events,
    eventsPerSecond: (events * 1000) / ms,
    cpuMicrosPerEvent: (cpu.user + cpu.system) / events,
    ms,
  };
}

const APPENDERS = 64;

export const concurrentAppendsSection: BenchSection = {
  title: `Concurrent appends (${APPENDERS} appenders, one event per append, each on its own stream)`,
  headers: ['adapter', 'events', 'events/s', 'CPU µs/event (this process)', 'elapsed'],
  async run(adapters) {
    const rows: Row[] = [];
    for (const adapter of adapters) {
      await measureConcurrentAppends(adapter.eventStore, {
        appenders: APPENDERS,
        totalEvents: 640,
      }); // warm-up
      const r = await measureConcurrentAppends(adapter.eventStore, {
        appenders: APPENDERS,
        totalEvents: 30_000,
      });
      rows.push([
        adapter.name,
        r.events.toLocaleString('en-US'),
        formatRate(r.eventsPerSecond),
        r.cpuMicrosPerEvent.toFixed(1),
        `${(r.ms / 1000).toFixed(2)} s`,
      ]);
    }
    return rows;
  },
};

/** The sections `npm run bench:store` runs, in order. */
export const SECTIONS: BenchSection[] = [appendThroughputSection, concurrentAppendsSection];

export function printTable(title: string, headers: Row, rows: readonly Row[]): void {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]?.length ?? 0)));
  const line = (cells: Row) =>
    `| ${cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join(' | ')} |`;
  console.log(`\n${title}\n`);
  console.log(line(headers));
  console.log(
    `|${widths.map((w, c) => (c === 0 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`,
  );
  for (const row of rows) console.log(line(row));
}

export async function main(sections: readonly BenchSection[] = SECTIONS): Promise<void> {
  const adapters = await openBenchAdapters();
  try {
    console.log(`Node ${process.version}, ${process.platform}/${process.arch}`);
    for (const adapter of adapters) console.log(`- ${adapter.name}: ${adapter.description}`);
    printSetup({ adapters: Object.fromEntries(adapters.map((a) => [a.name, a.setup])) });
    for (const section of sections) {
      printTable(section.title, section.headers, await section.run(adapters));
    }
  } finally {
    for (const adapter of adapters) await adapter.close();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
