import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SystemClock } from '@lic/clock';
import { openSqliteEventStore } from '@lic/event-store';
import { openReadDb } from '@lic/read-models';
import {
  appSetup,
  type ReadDbSetup,
  type StoreSetup,
} from '../../../libs/event-store/bench/store-setup';
import { adminTokenFor } from '../../../test/resilience/processes';
import { startBenchProcess, type BenchProcess } from '../../../test/bench/bench-processes';
import { runCheckoutLoad } from './checkout-load';
import { LagSampler, type LagSample } from './lag-sampler';
import { percentile } from './percentiles';

/**
 * Projection lag under load (part of npm run bench:projection). A command API and a projector,
 * each in its own process, share an embedded store (SQLite events, SQLite read models); this
 * process drives the command API's floating surface at BENCH_LAG_RATE commands/s (default
 * 1,000) with autocannon for BENCH_LAG_SECONDS (default 30; 0 skips it), after a 3 s warm-up,
 * and samples the lag every 50 ms: events appended but not yet behind the projector's
 * checkpoint, and the age of the oldest of them (now − recordedAt).
 */
const SECONDS = Number(process.env['BENCH_LAG_SECONDS'] ?? 30);
const RATE = Number(process.env['BENCH_LAG_RATE'] ?? 1000);
const CONNECTIONS = Number(process.env['BENCH_LAG_CONNECTIONS'] ?? 32);
const WARMUP_SECONDS = 3;
const root = resolve(__dirname, '../../..');

export interface Distribution {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

export interface LagFigures {
  readonly targetRate: number;
  readonly seconds: number;
  readonly connections: number;
  /** Answered 2xx per second over the measured window. */
  readonly achievedRate: number;
  readonly requests: number;
  readonly non2xx: number;
  /** Answers by status code (non-2xx: see the note printed with the figures). */
  readonly statusCodes: Record<string, number>;
  readonly errors: number;
  readonly latencyMs: { readonly p50: number; readonly p99: number };
  /** Events the store recorded per second over the window. */
  readonly eventsPerSecond: number;
  readonly samples: number;
  readonly lagEvents: Distribution;
  readonly lagMs: Distribution;
  /** After the load stopped: time until the checkpoint reached the store's end. */
  readonly drainMs: number;
  /** What the command API and the projector ran on, as their own configuration opens it. */
  readonly store: StoreSetup;
  readonly readDb: ReadDbSetup;
  readonly batchSize: number;
}

const post = async (url: string, headers: Record<string, string>, body: unknown) => {
  const r = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  if (r.status >= 300) throw new Error(`${url}: ${r.status} ${await r.text()}`);
  return (await r.json()) as Record<string, unknown>;
};

const distribution = (xs: readonly number[]): Distribution => ({
  p50: percentile(xs, 0.5),
  p99: percentile(xs, 0.99),
  max: xs.length === 0 ? NaN : Math.max(...xs),
});

const waitUntilCaughtUp = async (sampler: LagSampler, timeoutMs: number): Promise<number> => {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    if ((await sampler.sample()).events === 0) return performance.now() - started;
    await new Promise((r) => setTimeout(r, 20));
  }
  return NaN;
};

const measure = async (dir: string): Promise<LagFigures> => {
  const env = {
    DATA_DIR: dir,
    EVENT_STORE: `sqlite:${join(dir, 'events.db')}`,
    READ_DB: `sqlite:${join(dir, 'read.db')}`,
    SIGNING_KEYS_DIR: join(dir, 'keys'),
    COMMAND_API_PORT: '0',
    PROJECTOR_PORT: '0',
  };
  const apps: BenchProcess[] = [];
  const clock = new SystemClock();
  const { eventStore } = openSqliteEventStore({ file: join(dir, 'events.db'), clock });
  try {
    const api = await startBenchProcess(
      join(root, 'apps/command-api/src/main.ts'),
      { ...env, LOG_LEVEL: 'error' },
      /command API\s+(http:\/\/\S+)/,
    );
    apps.push(api);
    const [, url] = api.match as unknown as [string, string];
    const token = await adminTokenFor(env.SIGNING_KEYS_DIR, join(dir, 'events.db'));
    const admin = { authorization: `Bearer ${token}` };
    await post(`${url}/admin/v1/products`, admin, { name: 'Lag', product_id: 'lag' });
    const keys: string[] = [];
    for (let i = 0; i < CONNECTIONS; i++) {
      const issued = await post(`${url}/admin/v1/licenses`, admin, {
        product_id: 'lag',
        variant_id: 'render-farm',
        seats: { max_floating_users: 1000 },
      });
      keys.push(issued.license_key as string);
    }
    apps.push(
      await startBenchProcess(
        join(root, 'apps/projector/src/main.ts'),
        { ...env, LOG_LEVEL: 'info' },
        /projector\s+http/,
      ),
    );
    const readDb = await openReadDb({ kind: 'sqlite', file: join(dir, 'read.db') });
    const sampler = new LagSampler(eventStore, readDb, clock);
    try {
      process.stdout.write(`lag: warm-up ${WARMUP_SECONDS} s at ${RATE}/s…\n`);
      await runCheckoutLoad({ url, keys, rate: RATE, seconds: WARMUP_SECONDS });
      await waitUntilCaughtUp(sampler, 30_000);
      const before = (await sampler.sample()).head ?? 0n;
      process.stdout.write(`lag: ${SECONDS} s at ${RATE} commands/s, sampling every 50 ms…\n`);
      sampler.start(50);
      const load = await runCheckoutLoad({ url, keys, rate: RATE, seconds: SECONDS });
      sampler.stop();
      const after = (await sampler.sample()).head ?? before;
      const drainMs = await waitUntilCaughtUp(sampler, 60_000);
      const samples: LagSample[] = sampler.samples;
      const setup = await appSetup({ ...process.env, ...env });
      return {
        targetRate: RATE,
        seconds: SECONDS,
        connections: CONNECTIONS,
        achievedRate: load['2xx'] / load.duration,
        requests: load.requests.total,
        non2xx: load.non2xx,
        statusCodes: Object.fromEntries(
          Object.entries(load.statusCodeStats ?? {}).map(([code, s]) => [code, s.count ?? 0]),
        ),
        errors: load.errors,
        latencyMs: { p50: load.latency.p50, p99: load.latency.p99 },
        eventsPerSecond: Number(after - before) / load.duration,
        samples: samples.length,
        lagEvents: distribution(samples.map((s) => s.events)),
        lagMs: distribution(samples.map((s) => s.ms)),
        drainMs,
        store: setup.eventStore,
        readDb: setup.readDb,
        batchSize: Number(process.env['PROJECTION_BATCH_SIZE'] ?? 500),
      };
    } finally {
      sampler.stop();
      await readDb.destroy();
    }
  } finally {
    for (const app of apps.reverse()) await app.stop();
    await eventStore.close();
  }
};

const fmt = (n: number, digits = 0) =>
  Number.isFinite(n)
    ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : 'n/a';

export const describeLag = (f: LagFigures): string =>
  [
    '',
    `projection lag under load — command API + projector (separate processes) on the embedded store, ${cpus().length} cores`,
    `load: ${fmt(f.targetRate)} commands/s asked, ${fmt(f.achievedRate)} answered 2xx/s achieved ` +
      `(${f.connections} connections, ${f.seconds} s; ${f.non2xx} non-2xx, ${f.errors} errors; ` +
      `latency p50 ${fmt(f.latencyMs.p50, 1)} ms, p99 ${fmt(f.latencyMs.p99, 1)} ms); ` +
      `${fmt(f.eventsPerSecond)} events/s recorded`,
    `${'lag'.padEnd(10)} ${'p50'.padStart(8)} ${'p99'.padStart(8)} ${'max'.padStart(8)}   (${f.samples} samples, every 50 ms)`,
    `${'events'.padEnd(10)} ${fmt(f.lagEvents.p50).padStart(8)} ${fmt(f.lagEvents.p99).padStart(8)} ${fmt(f.lagEvents.max).padStart(8)}`,
    `${'ms'.padEnd(10)} ${fmt(f.lagMs.p50).padStart(8)} ${fmt(f.lagMs.p99).padStart(8)} ${fmt(f.lagMs.max).padStart(8)}`,
    `caught up ${fmt(f.drainMs)} ms after the load stopped`,
    f.achievedRate < 0.95 * f.targetRate
      ? `NOTE: this machine did not sustain ${fmt(f.targetRate)} commands/s: ${fmt(f.achievedRate)}/s were answered`
      : `the command API sustained the asked rate`,
  ].join('\n');

/** Runs the measurement (unless BENCH_LAG_SECONDS=0) in a temporary directory. */
export const projectionLagUnderLoad = async (): Promise<LagFigures | null> => {
  if (!(SECONDS > 0)) return null;
  const dir = mkdtempSync(join(tmpdir(), 'bench-lag-'));
  try {
    return await measure(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
