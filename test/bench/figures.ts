import type { ReadDbSetup, StoreSetup } from '../../libs/event-store/bench/store-setup';
import { NOT_REPORTED, readDbLabel, storeLabel } from './labels';
import { benchJson, benchSetup, consoleTable, markdownTables, type Table } from './parse-tables';

/** One measured figure, as a row of BENCHMARKS.md (the command and machine are per run). */
export interface Figure {
  readonly figure: string;
  readonly value: string;
  /** Which store / database produced it. */
  readonly store: string;
}

const column = (table: Table, row: readonly string[], name: string): string =>
  row[table.headers.indexOf(name)] ?? '?';

/** bench:store — append throughput and per-command latency by stream length, per adapter. */
export const storeFigures = (output: string): Figure[] => {
  const setups =
    (benchSetup(output) as { adapters?: Record<string, StoreSetup> } | null)?.adapters ?? {};
  return markdownTables(output).flatMap((table) =>
    table.rows.map((row): Figure => {
      const at = (name: string) => column(table, row, name);
      const setup = setups[at('adapter')];
      const store = setup ? storeLabel(setup) : `${at('adapter')} (${NOT_REPORTED})`;
      if (table.title.startsWith('Append throughput')) {
        const per = at('events/append');
        return {
          figure: `Append throughput: ${per} event${per === '1' ? '' : 's'} per append, sequential (${at('events')} events)`,
          value: `${at('events/s')} events/s (${at('appends/s')} appends/s)`,
          store,
        };
      }
      if (table.title.startsWith('One command')) {
        return {
          figure: `One command (a heartbeat) on a license stream of ${at('events')} events`,
          value:
            `warm p50 ${at('warm p50')}, p99 ${at('warm p99')}; cold p50 ${at('cold p50')}, ` +
            `p99 ${at('cold p99')} (${at('cold p50 / at 10^2')} the cold p50 at 10^2); ` +
            `first full load ${at('first full load')}`,
          store,
        };
      }
      return {
        figure: `${table.title}: ${row[0] ?? ''}`,
        value: table.headers
          .slice(1)
          .map((h, i) => `${h} ${row[i + 1] ?? ''}`)
          .join('; '),
        store,
      };
    }),
  );
};

/** bench:api — request rate of the command API's floating mix beside a bare Fastify route. */
export const apiFigures = (output: string): Figure[] => {
  const table = consoleTable(output);
  const setup = (
    benchSetup(output) as {
      commandApi?: { eventStore: StoreSetup; connections: number; seconds: number };
    } | null
  )?.commandApi;
  const apiStore = setup ? storeLabel(setup.eventStore) : NOT_REPORTED;
  /** Where a server's figures were measured: the bare route has no store. */
  const storeOf = (server: string) =>
    server.startsWith('bare Fastify') ? 'none (no-op route)' : apiStore;
  const how = setup ? `${setup.connections} connections, ${setup.seconds} s, loopback` : 'loopback';
  const figures: Figure[] = (table?.rows ?? []).map((row) => {
    const at = (name: string) => row[table?.headers.indexOf(name) ?? -1] ?? '?';
    const target = at('target');
    const bad = Number(at('non2xx')) + Number(at('errors'));
    return {
      figure: `Request rate: ${target} (${how})`,
      value:
        `${Number(at('reqPerSec')).toLocaleString('en-US')} req/s (latency p50 ${at('p50')} ms, p99 ${at('p99')} ms)` +
        (bad > 0 ? `; ${at('non2xx')} non-2xx, ${at('errors')} errors` : ''),
      store: storeOf(target),
    };
  });
  const ratio = /ratio command API \/ bare Fastify: ([\d.]+)/.exec(output);
  if (ratio) {
    figures.push({
      figure: 'Command API request rate / bare Fastify request rate',
      value: ratio[1] as string,
      store: apiStore,
    });
  }
  // The same mix on Fastify straight onto the pipeline: what the application layer costs.
  const reference = /^ratio (.+ \(reference\)) \/ bare Fastify: ([\d.]+)$/m.exec(output);
  if (reference) {
    figures.push({
      figure: `${reference[1] ?? ''} request rate / bare Fastify request rate (same run)`,
      value: reference[2] as string,
      store: apiStore,
    });
  }
  for (const [, area, micros, share] of output.matchAll(
    /^CPU_AREA\t([^\t]+)\t([\d.]+)\t([\d.]+%)$/gm,
  )) {
    figures.push({
      figure: `CPU profile of the command path under the mix, main thread: ${area ?? ''}`,
      value: `${micros ?? ''} µs per request (${share ?? ''})`,
      store: apiStore,
    });
  }
  // One line per server: `<TAG>\t<server>\t<µs per request>`.
  const perServer = (tag: string, what: string) => {
    for (const [, server, micros] of output.matchAll(
      new RegExp(`^${tag}\\t([^\\t]+)\\t([\\d.]+)$`, 'gm'),
    )) {
      figures.push({
        figure: `${what}: ${server ?? ''}`,
        value: `${micros ?? ''} µs per request`,
        store: storeOf(server ?? ''),
      });
    }
  };
  perServer('PROCESS_CPU', 'CPU per request under load, all threads of the process (from /proc)');
  perServer(
    'MAIN_THREAD_CPU',
    'CPU per request under load, main thread (event loop) only (from /proc)',
  );
  perServer(
    'LOADGEN_CPU',
    "CPU per request of the load generator (autocannon, in the bench's process)",
  );
  const ceiling = /^RATIO_CEILING\t([\d.]+)$/m.exec(output);
  if (ceiling) {
    figures.push({
      figure:
        'Highest command API / bare Fastify ratio this machine allows at the CPU per request above (every core busy: command API, all threads, plus its load generator)',
      value: ceiling[1] as string,
      store: apiStore,
    });
  }
  // The latency target against the closed loop's arithmetic (closed-loop.ts).
  for (const [, server, factor] of output.matchAll(/^TAIL_FACTOR\t([^\t]+)\t([\d.]+)$/gm)) {
    figures.push({
      figure: `Tail factor under the closed-loop load, p99 / mean latency (mean = connections / rate, Little's law): ${server ?? ''}`,
      value: factor ?? '',
      store: storeOf(server ?? ''),
    });
  }
  const atTarget = /^AT_TARGET_RATIO\t([\d.]+)\t(\d+)\t([\d.]+)\t([\d.]+)\t([\d.]+)$/m.exec(output);
  if (atTarget) {
    const [, ratio, rate, mean, p99, factor] = atTarget;
    figures.push({
      figure: `At ${ratio ?? ''} of the bare route's rate, same connections: the mean latency that rate sets, and the p99 at the smallest tail factor measured`,
      value: `${Number(rate).toLocaleString('en-US')} req/s: mean ${mean ?? ''} ms, p99 ${p99 ?? ''} ms (tail factor ${factor ?? ''})`,
      store: apiStore,
    });
  }
  const forP99 = /^RATE_FOR_P99\t([\d.]+)\t(\d+)\t([\d.]+)$/m.exec(output);
  if (forP99) {
    const [, p99, rate, share] = forP99;
    figures.push({
      figure: `The rate a p99 of ${p99 ?? ''} ms needs at the smallest tail factor measured, same connections`,
      value: `${Number(rate).toLocaleString('en-US')} req/s, ${share ?? ''} of the bare route's rate`,
      store: apiStore,
    });
  }
  for (const [, thread, micros] of output.matchAll(/^CPU_THREAD\t([^\t]+)\t([\d.]+)$/gm)) {
    figures.push({
      figure: `CPU profile of the command path under the mix, off the event loop: ${thread ?? ''}`,
      value: `${micros ?? ''} µs per request (busy time of that thread)`,
      store: apiStore,
    });
  }
  return figures;
};

interface ProjectionJson {
  readonly events: number;
  readonly batchSize: number;
  readonly historyStore?: StoreSetup | null;
  readonly rebuild: readonly {
    readonly database: string;
    readonly readDb?: ReadDbSetup;
    readonly projectionEventsPerSecond: number;
    readonly rawInsertEventsPerSecond: number;
    readonly ratio: number;
    /** The same raw insert with the secondary indexes built at the end (older runs lack it). */
    readonly rawDeferredIndexesEventsPerSecond?: number;
    readonly ratioDeferredIndexes?: number;
    /** Every round's rebuild / raw-with-indexes-at-end ratio (older runs had one round). */
    readonly roundRatiosDeferredIndexes?: readonly number[];
  }[];
  readonly lag: {
    readonly targetRate: number;
    readonly achievedRate: number;
    readonly seconds: number;
    readonly connections: number;
    readonly non2xx: number;
    readonly errors: number;
    readonly eventsPerSecond: number;
    readonly samples: number;
    readonly lagEvents: { readonly p50: number; readonly p99: number; readonly max: number };
    readonly lagMs: { readonly p50: number; readonly p99: number; readonly max: number };
    readonly drainMs: number;
    readonly store?: StoreSetup;
    readonly readDb?: ReadDbSetup;
  } | null;
}

const n = (x: number, digits = 0) =>
  x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/**
 * Where a rebuild was measured in several rounds: that the figure is their median, and each.
 * Three decimals, as the figure's own: against the 0.3 target, 0.2985 must not read as 0.30.
 */
const roundsNote = (ratios: readonly number[] | undefined): string =>
  ratios === undefined || ratios.length < 2
    ? ''
    : `; the median of ${ratios.length} rounds, each rebuild followed by its raw insert: ${ratios.map((x) => n(x, 3)).join(', ')}`;

/** bench:projection — rebuild rates beside raw inserts, and the lag under load (BENCH_JSON). */
export const projectionFigures = (output: string): Figure[] => {
  const json = benchJson(output) as ProjectionJson | null;
  if (json === null) return [];
  const history = `${json.historyStore ? storeLabel(json.historyStore) : NOT_REPORTED}, a cached generated history of ${n(json.events)} events`;
  const figures: Figure[] = json.rebuild.flatMap((r) => {
    const into = `${history} → ${r.readDb ? readDbLabel(r.readDb) : NOT_REPORTED}`;
    return [
      {
        figure: `Read-model rebuild of ${n(json.events)} events, ${json.batchSize} per transaction`,
        value: `${n(r.projectionEventsPerSecond)} events/s`,
        store: into,
      },
      {
        figure: `Raw insert ceiling: one row per event (its audit row), 1,000 per transaction, prepared statement`,
        value: `${n(r.rawInsertEventsPerSecond)} events/s (rebuild / raw = ${n(r.ratio, 2)})`,
        store: into,
      },
      ...(r.rawDeferredIndexesEventsPerSecond === undefined || r.ratioDeferredIndexes === undefined
        ? []
        : [
            {
              figure: `The same raw insert, secondary indexes built at the end (as the rebuild does)`,
              value: `${n(r.rawDeferredIndexesEventsPerSecond)} events/s (rebuild / raw = ${n(r.ratioDeferredIndexes, 3)}${roundsNote(r.roundRatiosDeferredIndexes)})`,
              store: into,
            },
          ]),
    ];
  });
  const sqlite = json.rebuild.find((r) => r.database === 'sqlite');
  const postgres = json.rebuild.find((r) => r.database === 'postgres');
  if (sqlite !== undefined && postgres !== undefined) {
    figures.push({
      figure: 'Read-model rebuild: SQLite rate / PostgreSQL rate (same run)',
      value: n(sqlite.projectionEventsPerSecond / postgres.projectionEventsPerSecond, 2),
      store: `${history} → SQLite and PostgreSQL read models`,
    });
  }
  const lag = json.lag;
  if (lag !== null) {
    const store =
      lag.store && lag.readDb
        ? `${storeLabel(lag.store)} → ${readDbLabel(lag.readDb)}`
        : NOT_REPORTED;
    const load = `${n(lag.targetRate)} commands/s asked, ${lag.seconds} s`;
    figures.push(
      {
        figure: `Commands answered under the lag load (${lag.connections} connections, ${load})`,
        value:
          `${n(lag.achievedRate)} commands/s (2xx), ${n(lag.eventsPerSecond)} events/s recorded` +
          (lag.non2xx + lag.errors > 0 ? `; ${lag.non2xx} non-2xx, ${lag.errors} errors` : '') +
          (lag.achievedRate < 0.95 * lag.targetRate ? ' — the asked rate was NOT sustained' : ''),
        store,
      },
      {
        figure: `Projection lag in events while the command API takes ${load}`,
        value: `p50 ${n(lag.lagEvents.p50)}, p99 ${n(lag.lagEvents.p99)}, max ${n(lag.lagEvents.max)} (${lag.samples} samples, every 50 ms)`,
        store,
      },
      {
        figure: `Projection lag in time (age of the oldest unprojected event), same run`,
        value: `p50 ${n(lag.lagMs.p50)} ms, p99 ${n(lag.lagMs.p99)} ms, max ${n(lag.lagMs.max)} ms; caught up ${n(lag.drainMs)} ms after the load stopped`,
        store,
      },
    );
  }
  return figures;
};
