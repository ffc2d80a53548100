import { withoutCredentials } from '../../libs/event-store/bench/store-setup';
import { apiFigures, projectionFigures, storeFigures, type Figure } from './figures';

export type BenchId = 'store' | 'api' | 'projection';

export interface BenchDefinition {
  readonly id: BenchId;
  readonly script: string;
  readonly title: string;
  /** The variables the bench reads, with their defaults (the full-size run). */
  readonly defaults: Readonly<Record<string, string>>;
  /** Passed through, and shown in the command, only when set. */
  readonly optional?: readonly string[];
  /**
   * What the figures measure: the bench script and every app it starts; with everything they
   * import (source-hash.ts) they are hashed into BENCHMARKS.md, so a change shows it stale.
   */
  readonly sources: readonly string[];
  readonly figures: (output: string) => Figure[];
}

/** Every benchmark `npm run bench` runs, in order. */
export const BENCHES: readonly BenchDefinition[] = [
  {
    id: 'store',
    script: 'bench:store',
    title: 'Event store: append throughput, and one command on streams of 10^2, 10^4, 10^6 events',
    defaults: {
      BENCH_SIZES: '100,10000,1000000',
      BENCH_BUSY_SAMPLES: '5000',
      BENCH_BUSY_ROUNDS: '5',
    },
    optional: ['EVENTSTORE_URL'],
    sources: ['libs/command-pipeline/bench/store.bench.ts'],
    figures: storeFigures,
  },
  {
    id: 'api',
    script: 'bench:api',
    title: 'Command API request rate beside a bare Fastify route',
    defaults: { BENCH_CONNECTIONS: '64', BENCH_SECONDS: '10', BENCH_SLICES: '5' },
    sources: [
      'apps/command-api/bench/api.bench.ts',
      'apps/command-api/src/main.ts',
      'apps/command-api/bench/bare-fastify.ts',
      'apps/command-api/bench/pipeline-fastify.ts',
    ],
    figures: apiFigures,
  },
  {
    id: 'projection',
    script: 'bench:projection',
    title: 'Read-model rebuild (SQLite, PostgreSQL) and projection lag under 1,000 commands/s',
    defaults: {
      BENCH_EVENTS: '1000000',
      BENCH_REBUILD_ROUNDS: '3',
      PROJECTION_BATCH_SIZE: '500',
      BENCH_LAG_SECONDS: '30',
      BENCH_LAG_RATE: '1000',
      BENCH_LAG_CONNECTIONS: '32',
    },
    optional: ['BENCH_PG_URL'],
    sources: [
      'apps/projector/bench/projection.bench.ts',
      'apps/command-api/src/main.ts',
      'apps/projector/src/main.ts',
    ],
    figures: projectionFigures,
  },
];

/** The variables a run uses: the defaults, overridden by the environment. */
export const effectiveEnv = (
  bench: BenchDefinition,
  env: Readonly<Record<string, string | undefined>>,
): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [name, fallback] of Object.entries(bench.defaults)) {
    out[name] = env[name] === undefined || env[name] === '' ? fallback : (env[name] as string);
  }
  for (const name of bench.optional ?? []) {
    const value = env[name];
    if (value !== undefined && value !== '') out[name] = value;
  }
  return out;
};

/** The exact command line that reproduces a run, e.g. `BENCH_SIZES=100 npm run bench:store`. */
export const commandLine = (bench: BenchDefinition, env: Readonly<Record<string, string>>) =>
  `${Object.entries(env)
    .map(([k, v]) => `${k}=${withoutCredentials(v)}`)
    .join(' ')} npm run ${bench.script}`.trim();

/** Variables set below their full-size default (a reduced run), as `NAME=value`. */
export const reductions = (bench: BenchDefinition, env: Readonly<Record<string, string>>) =>
  Object.entries(bench.defaults)
    .filter(([name, fallback]) => env[name] !== fallback)
    .map(([name]) => `${name}=${env[name] ?? ''} (default ${bench.defaults[name] ?? ''})`);
