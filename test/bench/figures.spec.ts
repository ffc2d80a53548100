import { commandLine, effectiveEnv, reductions, BENCHES } from './benches';
import { apiFigures, projectionFigures, storeFigures } from './figures';

const SQLITE_SETUP = {
  kind: 'sqlite',
  file: '/tmp/event-store-bench-x/events.db',
  journalMode: 'wal',
  synchronous: 'NORMAL',
};
const STORE_OUTPUT = `Node v20.20.2, linux/x64
- SQLite: file /tmp/event-store-bench-x/events.db (journal_mode=wal, synchronous=NORMAL)
- ESDB test server: IN-PROCESS gRPC TEST SERVER, NOT A REAL EventStoreDB: measures the client
BENCH_SETUP ${JSON.stringify({
  adapters: {
    SQLite: SQLITE_SETUP,
    'ESDB test server': { kind: 'esdb', testServer: true, url: 'esdb://127.0.0.1:40001?tls=false' },
  },
})}

Append throughput (sequential appends, one at a time)

| adapter          | events/append | events | appends/s | events/s | elapsed |
|:-----------------|--------------:|-------:|----------:|---------:|--------:|
| SQLite           |             1 |  3,000 |     1,438 |    1,438 |  2.09 s |
| ESDB test server |           100 | 30,000 |        52 |    5,211 |  5.76 s |
SQLite:  writing 100 events…

One command (a heartbeat) on a license whose stream holds N events

| adapter | events | warm p50 | warm p99 | cold p50 | cold p99 | cold p50 / at 10^2 | first full load |
|:--------|-------:|---------:|---------:|---------:|---------:|-------------------:|----------------:|
| SQLite  |  1,000 |  0.42 ms | 17.94 ms |  2.57 ms | 22.50 ms |              1.07x |        37.28 ms |
`;

const API_OUTPUT = `
bench:api — 16 connections, 3 s each, loopback, 2 cores, Node v20.20.2
BENCH_SETUP ${JSON.stringify({
  commandApi: {
    eventStore: { ...SQLITE_SETUP, synchronous: 'FULL' },
    connections: 16,
    seconds: 3,
  },
})}
┌─────────┬────────────────────────────────────────────────┬───────────┬─────┬─────┬────────┬────────┐
│ (index) │ target                                         │ reqPerSec │ p50 │ p99 │ non2xx │ errors │
├─────────┼────────────────────────────────────────────────┼───────────┼─────┼─────┼────────┼────────┤
│ 0       │ 'command API: checkout, 3 heartbeats, checkin' │ 760       │ 18  │ 52  │ 0      │ 0      │
│ 1       │ 'bare Fastify route (no-op)'                   │ 5166      │ 2   │ 11  │ 0      │ 0      │
└─────────┴────────────────────────────────────────────────┴───────────┴─────┴─────┴────────┴────────┘
ratio command API / bare Fastify: 0.147
`;

const lag = {
  targetRate: 1000,
  achievedRate: 612.4,
  seconds: 30,
  connections: 32,
  non2xx: 0,
  errors: 0,
  eventsPerSecond: 611,
  samples: 590,
  lagEvents: { p50: 54, p99: 157, max: 177 },
  lagMs: { p50: 41, p99: 91, max: 93 },
  drainMs: 45,
  store: { ...SQLITE_SETUP, synchronous: 'FULL' },
  readDb: { kind: 'sqlite', file: '/tmp/lag/read.db' },
};
const PROJECTION_OUTPUT = `read-model rebuild …\nBENCH_JSON ${JSON.stringify({
  events: 20000,
  batchSize: 500,
  historyStore: { ...SQLITE_SETUP, synchronous: 'FULL' },
  rebuild: [
    {
      database: 'postgres',
      readDb: { kind: 'postgres', url: 'postgres://…@db.example:5433/bench_projection' },
      projectionEventsPerSecond: 12000,
      rawInsertEventsPerSecond: 40000,
      ratio: 0.3,
    },
  ],
  lag,
})}\n`;

describe('npm run bench reads the figures each benchmark prints', () => {
  it('bench:store: one figure per table row, naming the store and the settings it reported — the ESDB rows as the test server they are', () => {
    const figures = storeFigures(STORE_OUTPUT);
    expect(figures).toEqual([
      {
        figure: 'Append throughput: 1 event per append, sequential (3,000 events)',
        value: '1,438 events/s (1,438 appends/s)',
        store: 'SQLite event store (embedded file, journal_mode=wal, synchronous=NORMAL)',
      },
      {
        figure: 'Append throughput: 100 events per append, sequential (30,000 events)',
        value: '5,211 events/s (52 appends/s)',
        store:
          'ESDB adapter against the gRPC test server in its own process (not a real EventStoreDB)',
      },
      {
        figure: 'One command (a heartbeat) on a license stream of 1,000 events',
        value:
          'warm p50 0.42 ms, p99 17.94 ms; cold p50 2.57 ms, p99 22.50 ms (1.07x the cold p50 at 10^2); first full load 37.28 ms',
        store: 'SQLite event store (embedded file, journal_mode=wal, synchronous=NORMAL)',
      },
    ]);
  });

  it('a bench that does not report what it ran against gets no made-up label', () => {
    const withoutSetup = STORE_OUTPUT.split('\n')
      .filter((l) => !l.startsWith('BENCH_SETUP'))
      .join('\n');
    expect(new Set(storeFigures(withoutSetup).map((f) => f.store))).toEqual(
      new Set([
        'SQLite (not reported by the bench)',
        'ESDB test server (not reported by the bench)',
      ]),
    );
    expect(apiFigures(API_OUTPUT.replace(/^BENCH_SETUP.*$/m, ''))[0]?.store).toBe(
      'not reported by the bench',
    );
  });

  it('bench:api: the console table and the ratio, labelled with the store the command API opened', () => {
    const figures = apiFigures(API_OUTPUT);
    expect(figures.map((f) => f.store)).toEqual([
      'SQLite event store (embedded file, journal_mode=wal, synchronous=FULL)',
      'none (no-op route)',
      'SQLite event store (embedded file, journal_mode=wal, synchronous=FULL)',
    ]);
    expect(figures.map((f) => [f.figure, f.value])).toEqual([
      [
        'Request rate: command API: checkout, 3 heartbeats, checkin (16 connections, 3 s, loopback)',
        '760 req/s (latency p50 18 ms, p99 52 ms)',
      ],
      [
        'Request rate: bare Fastify route (no-op) (16 connections, 3 s, loopback)',
        '5,166 req/s (latency p50 2 ms, p99 11 ms)',
      ],
      ['Command API request rate / bare Fastify request rate', '0.147'],
    ]);
  });

  it('bench:api: the reference without the application layer, its rate, ratio and CPU on the same store', () => {
    const reference = 'Fastify + command pipeline, no application layer (reference)';
    const output = API_OUTPUT.replace(
      '└',
      `│ 2       │ '${reference}: the same mix' │ 1520      │ 9   │ 30  │ 0      │ 0      │\n└`,
    ).concat(`ratio ${reference} / bare Fastify: 0.294\nPROCESS_CPU\t${reference}\t201.5\n`);
    const figures = apiFigures(output).map((f) => [f.figure, f.value, f.store]);
    const sqlite = 'SQLite event store (embedded file, journal_mode=wal, synchronous=FULL)';
    expect(figures).toEqual(
      expect.arrayContaining([
        [
          `Request rate: ${reference}: the same mix (16 connections, 3 s, loopback)`,
          '1,520 req/s (latency p50 9 ms, p99 30 ms)',
          sqlite,
        ],
        [`${reference} request rate / bare Fastify request rate (same run)`, '0.294', sqlite],
        [
          `CPU per request under load, all threads of the process (from /proc): ${reference}`,
          '201.5 µs per request',
          sqlite,
        ],
      ]),
    );
  });

  it('bench:api: the CPU profile of the command path, one figure per area', () => {
    const output = `${API_OUTPUT}\nCPU_AREA\tGC\t14.2\t5.5%\nCPU_AREA\ttotal\t259.0\t100.0%\nCPU_THREAD\tworker thread 1 (SQLite writer)\t41.5\nPROCESS_CPU\tcommand API\t180.2\nPROCESS_CPU\tbare Fastify\t21.0\nMAIN_THREAD_CPU\tcommand API\t120.4\n`;
    expect(
      apiFigures(output)
        .slice(3)
        .map((f) => [f.figure, f.value]),
    ).toEqual([
      [
        'CPU profile of the command path under the mix, main thread: GC',
        '14.2 µs per request (5.5%)',
      ],
      [
        'CPU profile of the command path under the mix, main thread: total',
        '259.0 µs per request (100.0%)',
      ],
      [
        'CPU per request under load, all threads of the process (from /proc): command API',
        '180.2 µs per request',
      ],
      [
        'CPU per request under load, all threads of the process (from /proc): bare Fastify',
        '21.0 µs per request',
      ],
      [
        'CPU per request under load, main thread (event loop) only (from /proc): command API',
        '120.4 µs per request',
      ],
      [
        'CPU profile of the command path under the mix, off the event loop: worker thread 1 (SQLite writer)',
        '41.5 µs per request (busy time of that thread)',
      ],
    ]);
  });

  it("bench:api: the load generator's CPU per request and the ratio ceiling it leaves", () => {
    const output = `${API_OUTPUT}\nPROCESS_CPU\tcommand API\t374.7\nLOADGEN_CPU\tcommand API\t81.2\nLOADGEN_CPU\tbare Fastify\t26.4\nRATIO_CEILING\t0.157\n`;
    const figures = apiFigures(output).slice(4);
    expect(figures.map((f) => [f.figure, f.value, f.store])).toEqual([
      [
        "CPU per request of the load generator (autocannon, in the bench's process): command API",
        '81.2 µs per request',
        'SQLite event store (embedded file, journal_mode=wal, synchronous=FULL)',
      ],
      [
        "CPU per request of the load generator (autocannon, in the bench's process): bare Fastify",
        '26.4 µs per request',
        'none (no-op route)',
      ],
      [
        'Highest command API / bare Fastify ratio this machine allows at the CPU per request above (every core busy: command API, all threads, plus its load generator)',
        '0.157',
        'SQLite event store (embedded file, journal_mode=wal, synchronous=FULL)',
      ],
    ]);
  });

  it("bench:api: the tail factors and what the latency target asks of the closed loop's rate", () => {
    const output = `${API_OUTPUT}\nTAIL_FACTOR\tcommand API\t2.91\nTAIL_FACTOR\tbare Fastify\t3.20\nAT_TARGET_RATIO\t0.2\t4869\t13.1\t35.4\t2.70\nRATE_FOR_P99\t15\t11520\t0.473\n`;
    const sqlite = 'SQLite event store (embedded file, journal_mode=wal, synchronous=FULL)';
    expect(
      apiFigures(output)
        .slice(3)
        .map((f) => [f.figure, f.value, f.store]),
    ).toEqual([
      [
        "Tail factor under the closed-loop load, p99 / mean latency (mean = connections / rate, Little's law): command API",
        '2.91',
        sqlite,
      ],
      [
        "Tail factor under the closed-loop load, p99 / mean latency (mean = connections / rate, Little's law): bare Fastify",
        '3.20',
        'none (no-op route)',
      ],
      [
        "At 0.2 of the bare route's rate, same connections: the mean latency that rate sets, and the p99 at the smallest tail factor measured",
        '4,869 req/s: mean 13.1 ms, p99 35.4 ms (tail factor 2.70)',
        sqlite,
      ],
      [
        'The rate a p99 of 15 ms needs at the smallest tail factor measured, same connections',
        "11,520 req/s, 0.473 of the bare route's rate",
        sqlite,
      ],
    ]);
  });

  it('bench:projection: the BENCH_JSON line, saying when the asked rate was not sustained', () => {
    const figures = projectionFigures(PROJECTION_OUTPUT);
    expect(figures.map((f) => f.value)).toEqual([
      '12,000 events/s',
      '40,000 events/s (rebuild / raw = 0.30)',
      '612 commands/s (2xx), 611 events/s recorded — the asked rate was NOT sustained',
      'p50 54, p99 157, max 177 (590 samples, every 50 ms)',
      'p50 41 ms, p99 91 ms, max 93 ms; caught up 45 ms after the load stopped',
    ]);
    expect(figures.map((f) => f.store)).toEqual([
      'SQLite event store (embedded file, journal_mode=wal, synchronous=FULL), a cached generated history of 20,000 events → PostgreSQL read models (db.example:5433)',
      'SQLite event store (embedded file, journal_mode=wal, synchronous=FULL), a cached generated history of 20,000 events → PostgreSQL read models (db.example:5433)',
      'SQLite event store (embedded file, journal_mode=wal, synchronous=FULL) → SQLite read models',
      'SQLite event store (embedded file, journal_mode=wal, synchronous=FULL) → SQLite read models',
      'SQLite event store (embedded file, journal_mode=wal, synchronous=FULL) → SQLite read models',
    ]);
    expect(projectionFigures('no json here')).toEqual([]);
  });

  it('bench:projection: a rebuild measured in rounds names the median round and every ratio', () => {
    const output = `BENCH_JSON ${JSON.stringify({
      events: 1000,
      batchSize: 10000,
      rebuild: [
        {
          database: 'sqlite',
          projectionEventsPerSecond: 28000,
          rawInsertEventsPerSecond: 14000,
          ratio: 2,
          rawDeferredIndexesEventsPerSecond: 80000,
          ratioDeferredIndexes: 0.35,
          roundRatiosDeferredIndexes: [0.31, 0.35, 0.4],
        },
      ],
      lag: null,
    })}\n`;
    expect(projectionFigures(output).map((f) => f.value)).toEqual([
      '28,000 events/s',
      '14,000 events/s (rebuild / raw = 2.00)',
      '80,000 events/s (rebuild / raw = 0.350; the median of 3 rounds, each rebuild followed by its raw insert: 0.310, 0.350, 0.400)',
    ]);
  });

  it('the command of a row is exact: the defaults spelled out, overrides and reductions named, no credentials', () => {
    const store = BENCHES.find((b) => b.id === 'store')!;
    const env = effectiveEnv(store, {
      BENCH_SIZES: '100,10000',
      EVENTSTORE_URL: 'esdb://admin:changeit@db:2113?tls=false',
    });
    expect(commandLine(store, env)).toBe(
      'BENCH_SIZES=100,10000 BENCH_BUSY_SAMPLES=5000 BENCH_BUSY_ROUNDS=5 EVENTSTORE_URL=esdb://…@db:2113?tls=false npm run bench:store',
    );
    expect(reductions(store, env)).toEqual(['BENCH_SIZES=100,10000 (default 100,10000,1000000)']);
    const api = BENCHES.find((b) => b.id === 'api')!;
    expect(commandLine(api, effectiveEnv(api, {}))).toBe(
      'BENCH_CONNECTIONS=64 BENCH_SECONDS=10 BENCH_SLICES=5 npm run bench:api',
    );
  });
});
