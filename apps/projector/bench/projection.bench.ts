import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Presets, SingleBar } from 'cli-progress';
import { SystemClock } from '@lic/clock';
import { openSqliteEventStore, type EventStore } from '@lic/event-store';
import { REBUILD_EVENTS_PER_TRANSACTION, openReadDb, rebuildReadModels } from '@lic/read-models';
import { postgresDb, sqliteDb, type BenchDb } from './bench-databases';
import { readDbSetup, type StoreSetup } from '../../../libs/event-store/bench/store-setup';
import { cachedHistory } from './generate-history';
import { describeLag, projectionLagUnderLoad } from './projection-lag.hook';
import { percentile } from './percentiles';
import { RAW_ROWS_PER_TRANSACTION, rawInsert } from './raw-insert';
import { SQLITE_ROWS_PER_STATEMENT } from '../../../libs/read-models/src/projection/sql/table-writer';

/**
 * npm run bench:projection — rebuild rate of the read models on SQLite and PostgreSQL from a
 * cached 1,000,000-event history, beside the raw batched-insert rate of the same database
 * measured in the same run; then the projection lag while the command API takes 1,000
 * commands/s (projection-lag.hook.ts). BENCH_EVENTS=… for a smaller history (0 skips the
 * rebuild); BENCH_REBUILD_ROUNDS=… rebuilds per database, each beside its raw insert (default 3);
 * BENCH_LAG_SECONDS=… for a shorter lag run (0 skips it); PROJECTION_BATCH_SIZE as
 * in production (default 500). The last line, `BENCH_JSON {…}`, repeats the figures for
 * npm run bench.
 */
const EVENTS = Number(process.env['BENCH_EVENTS'] ?? 1_000_000);
const BATCH = Number(process.env['PROJECTION_BATCH_SIZE'] ?? 500);
/** What rebuildReadModels commits at once (it raises a smaller PROJECTION_BATCH_SIZE). */
const REBUILD_BATCH = Math.max(BATCH, REBUILD_EVENTS_PER_TRANSACTION);
const DIR = join(process.cwd(), 'data', 'bench');
/**
 * Rebuilds per database, each followed at once by the raw insert it is compared with: the
 * machine is shared, and a busy minute falls on both halves of a round. The round with the
 * median ratio is reported, every round's ratio beside it.
 */
const ROUNDS = Math.max(1, Number(process.env['BENCH_REBUILD_ROUNDS'] ?? 3));

/** Events written, in how long, and their rate. */
interface Rate {
  readonly events: number;
  readonly seconds: number;
  readonly rate: number;
}

const timed = async (
  label: string,
  total: number,
  run: (tick: (n: number) => void) => Promise<number>,
): Promise<Rate> => {
  const bar = new SingleBar(
    { format: `${label.padEnd(28)} |{bar}| {value}/{total} | {rate} events/s`, hideCursor: true },
    Presets.shades_classic,
  );
  const started = performance.now();
  const rate = (n: number) => Math.round(n / ((performance.now() - started) / 1000));
  bar.start(total, 0, { rate: 0 });
  const events = await run((n) => bar.update(Math.min(n, total), { rate: rate(n) }));
  const seconds = (performance.now() - started) / 1000;
  bar.update(Math.min(events, total), { rate: rate(events) });
  bar.stop();
  return { events, seconds, rate: events / seconds };
};

/** The raw baseline times itself (its rows are prepared before its clock starts). */
const rawCeiling = async (
  label: string,
  total: number,
  run: (tick: (n: number) => void) => Promise<{ events: number; seconds: number }>,
): Promise<Rate> => {
  const bar = new SingleBar(
    { format: `${label.padEnd(28)} |{bar}| {value}/{total}`, hideCursor: true },
    Presets.shades_classic,
  );
  bar.start(total, 0);
  const { events, seconds } = await run((n) => bar.update(Math.min(n, total)));
  bar.stop();
  return { events, seconds, rate: events / seconds };
};

/** A rebuild and, right after it, the raw insert with its indexes built at the end. */
interface Round {
  readonly projection: Rate;
  readonly rawDeferred: Rate;
}

/** The strict reading of the target: rebuild / raw insert with indexes built at the end. */
const deferredRatio = (r: Round): number => r.projection.rate / r.rawDeferred.rate;

/** The round whose ratio is the median of the rounds' (nearest rank). */
const medianRound = (rounds: readonly Round[]): Round => {
  const middle = percentile(rounds.map(deferredRatio), 0.5);
  return rounds.find((r) => deferredRatio(r) === middle) as Round;
};

const measure = async (store: EventStore, target: BenchDb, total: number) => {
  const db = await openReadDb(target.url);
  const clock = new SystemClock();
  try {
    const rounds: Round[] = [];
    let tables: Record<string, unknown> = {};
    for (let round = 1; round <= ROUNDS; round++) {
      const label = ROUNDS === 1 ? target.name : `${target.name} ${round}/${ROUNDS}`;
      const projection = await timed(`${label}: projection`, total, async (tick) => {
        const r = await rebuildReadModels(store, db, {
          batchSize: BATCH,
          clock,
          onBatch: ({ events }) => tick(events),
        });
        return r.events;
      });
      const counts = await db.query(
        `SELECT (SELECT COUNT(*) FROM leases) AS leases, (SELECT COUNT(*) FROM sessions) AS sessions,
                (SELECT COUNT(*) FROM activations) AS activations,
                (SELECT COUNT(*) FROM utilization_buckets) AS buckets`,
      );
      tables = counts[0] as Record<string, unknown>;
      const rawDeferred = await rawCeiling(`${label}: raw, indexes at end`, total, (tick) =>
        rawInsert(store, db, tick, { deferIndexes: true }),
      );
      rounds.push({ projection, rawDeferred });
    }
    const raw = await rawCeiling(`${target.name}: raw insert`, total, (tick) =>
      rawInsert(store, db, tick),
    );
    const { projection, rawDeferred } = medianRound(rounds);
    return {
      name: target.name,
      readDb: readDbSetup(target.url),
      rounds,
      projection,
      raw,
      rawDeferred,
      tables,
    };
  } finally {
    await db.destroy();
    await target.drop();
  }
};

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

const main = async () => {
  mkdirSync(DIR, { recursive: true });
  const results = [];
  let history: { events: number } | null = null;
  let historyStore: StoreSetup | null = null;
  if (EVENTS > 0) {
    const file = join(DIR, `events-${EVENTS}.db`);
    history = await cachedHistory(file, EVENTS);
    process.stdout.write(`history: ${fmt(history.events)} events in ${file} (cached for reruns)\n`);
    const { eventStore, settings } = openSqliteEventStore({ file, clock: new SystemClock() });
    historyStore = { kind: 'sqlite', file, ...settings };
    try {
      results.push(await measure(eventStore, sqliteDb(join(DIR, 'read-bench.db')), history.events));
      const pg = await postgresDb('bench_projection');
      if (pg === null) process.stdout.write('postgres: skipped (PostgreSQL does not answer)\n');
      else results.push(await measure(eventStore, pg, history.events));
    } finally {
      await eventStore.close();
    }
    const sqlite = results.find((r) => r.name === 'sqlite');
    const postgres = results.find((r) => r.name === 'postgres');
    process.stdout.write(
      [
        '',
        `read-model rebuild, ${fmt(history.events)} events, ${REBUILD_BATCH} events per transaction; of ${ROUNDS} round(s) per database (a rebuild, then the raw insert with indexes at end), the round with the median ratio`,
        `${'database'.padEnd(10)} ${'projection ev/s'.padStart(16)} ${'raw insert ev/s'.padStart(16)} ${'ratio'.padStart(7)} ${'raw, idx at end'.padStart(16)} ${'ratio'.padStart(7)}   rows`,
        ...results.map(
          (r) =>
            `${r.name.padEnd(10)} ${fmt(r.projection.rate).padStart(16)} ${fmt(r.raw.rate).padStart(16)} ${(r.projection.rate / r.raw.rate).toFixed(2).padStart(7)} ${fmt(r.rawDeferred.rate).padStart(16)} ${deferredRatio(r).toFixed(3).padStart(7)}   ${JSON.stringify(r.tables)}`,
        ),
        '',
        ...results.flatMap((r) =>
          r.rounds.map(
            (round, i) =>
              `${r.name} round ${i + 1}: rebuild ${fmt(round.projection.rate)} events/s, raw with indexes at end ${fmt(round.rawDeferred.rate)} events/s, ratio ${deferredRatio(round).toFixed(3)}`,
          ),
        ),
        ...(sqlite === undefined
          ? []
          : [
              '',
              `SQLite rebuild ${fmt(sqlite.projection.rate)} events/s; raw ceiling ${fmt(sqlite.raw.rate)} rows/s; ratio ${(sqlite.projection.rate / sqlite.raw.rate).toFixed(2)} (target >= 0.3); against the raw insert with its indexes built at the end ${deferredRatio(sqlite).toFixed(3)} (target >= 0.3)`,
              ...(postgres === undefined
                ? []
                : [
                    `PostgreSQL rebuild ${fmt(postgres.projection.rate)} events/s; SQLite / PostgreSQL ${(sqlite.projection.rate / postgres.projection.rate).toFixed(2)} (target <= 2)`,
                  ]),
            ]),
        '',
        `raw insert: the ceiling — one row per event (its audit_log row, built before the clock`,
        `starts), ${RAW_ROWS_PER_TRANSACTION} rows per transaction straight through the driver: prepared`,
        `statements of ${SQLITE_ROWS_PER_STATEMENT} rows on better-sqlite3 (as the rebuild writes), one multi-row`,
        'INSERT per transaction on PostgreSQL.',
        '"raw, idx at end": the same, with the secondary indexes dropped first and built at the end',
        '(timed), as the rebuild writes audit_log; the rebuild uses COPY on PostgreSQL.',
        '',
      ].join('\n'),
    );
  }
  const lag = await projectionLagUnderLoad();
  process.stdout.write(
    `${lag === null ? 'projection lag under load: skipped (BENCH_LAG_SECONDS=0)' : describeLag(lag)}\n`,
  );
  const json = {
    bench: 'projection',
    events: history?.events ?? 0,
    batchSize: REBUILD_BATCH,
    historyStore,
    rebuild: results.map((r) => ({
      database: r.name,
      readDb: r.readDb,
      projectionEventsPerSecond: Math.round(r.projection.rate),
      rawInsertEventsPerSecond: Math.round(r.raw.rate),
      ratio: r.projection.rate / r.raw.rate,
      rawDeferredIndexesEventsPerSecond: Math.round(r.rawDeferred.rate),
      ratioDeferredIndexes: deferredRatio(r),
      roundRatiosDeferredIndexes: r.rounds.map(deferredRatio),
      projectionSeconds: r.projection.seconds,
    })),
    lag,
  };
  process.stdout.write(`BENCH_JSON ${JSON.stringify(json)}\n`);
};

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
