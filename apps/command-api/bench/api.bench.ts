// npm run bench:api — load on the command API's floating surface vs. a bare Fastify route.
//
// Both servers run in their own process (started from the TypeScript sources), the load
// generator (autocannon) in this one, on loopback, 64 connections. The two are measured in
// alternating slices (BENCH_SLICES each, BENCH_SECONDS in all per server), so that a busy
// moment of the shared machine falls on both. The figure to compare is the ratio of the two
// request rates. A third server, in the same slices, takes the same mix with nothing between
// Fastify and the command pipeline (pipeline-fastify.ts): a reference for what the
// application layer costs, not a way to run the server.
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { interleave, runRecording, SideTotals } from './interleaved';
import { appSetup, printSetup } from '../../../libs/event-store/bench/store-setup';
import { adminTokenFor } from '../../../test/resilience/processes';
import { startBenchProcess } from '../../../test/bench/bench-processes';
import { cpuBreakdown, loadWindow, readProfile } from './cpu-breakdown';
import { mainThreadCpuMicros, processCpuMicros } from './process-cpu';
import { meanLatencyMs, p99At, rateForP99, tailFactor } from './closed-loop';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const SLICES = Math.max(1, Number(process.env.BENCH_SLICES ?? 5));

const post = async (url: string, headers: Record<string, string>, body: unknown) => {
  const r = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  if (r.status >= 300) throw new Error(`${url}: ${r.status} ${await r.text()}`);
  return (await r.json()) as Record<string, unknown>;
};

interface Row {
  target: string;
  reqPerSec: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

const row = (target: string, side: SideTotals): Row => ({
  target,
  reqPerSec: side.reqPerSec,
  p50: side.percentile(0.5),
  p99: side.percentile(0.99),
  non2xx: side.non2xx,
  errors: side.errors,
});

/** µs of the process's CPU (all threads, or `cpu`'s) per request answered since `before`. */
const cpuPerRequest = (
  pid: number | undefined,
  before: number | null,
  requests: number,
  cpu = processCpuMicros,
) => {
  const after = cpu(pid);
  return before === null || after === null ? null : (after - before) / requests;
};

const API_READY = /command API\s+(http:\/\/\S+)/;
/** The reference server (pipeline-fastify.ts): the floating routes with no application layer. */
const REFERENCE = 'Fastify + command pipeline, no application layer (reference)';
const PROFILE_SECONDS = Number(process.env.BENCH_PROFILE_SECONDS ?? 5);
/** The controllers the mix drives: where the profiled load starts and ends. */
const MIX_CONTROLLERS = /apps\/command-api\/src\/client\//;

const envFor = (dir: string) => ({
  DATA_DIR: dir,
  EVENT_STORE: `sqlite:${join(dir, 'events.db')}`,
  SIGNING_KEYS_DIR: join(dir, 'keys'),
  COMMAND_API_PORT: '0',
  LOG_LEVEL: 'error',
});

/** A product and one license per connection (a render farm each), so the mix measures the
 * pipeline, not 64 clients queueing on one license's lock. */
const setUpLicenses = async (
  apiUrl: string,
  env: { readonly DATA_DIR: string; readonly SIGNING_KEYS_DIR: string },
): Promise<string[]> => {
  const token = await adminTokenFor(env.SIGNING_KEYS_DIR, join(env.DATA_DIR, 'events.db'));
  const admin = { authorization: `Bearer ${token}` };
  await post(`${apiUrl}/admin/v1/products`, admin, { name: 'Bench', product_id: 'bench' });
  const keys: string[] = [];
  for (let i = 0; i < CONNECTIONS; i++) {
    const issued = await post(`${apiUrl}/admin/v1/licenses`, admin, {
      product_id: 'bench',
      variant_id: 'render-farm',
      seats: { max_floating_users: 1000 },
    });
    keys.push(issued.license_key as string);
  }
  return keys;
};

/**
 * Idempotency keys and fingerprints, numbered across every run of the mix against one API (a
 * key used again would be answered as a replay of its first request, on a lease since ended).
 */
let n = 0;
let connection = 0;

/** checkout, 3 heartbeats, checkin per connection, round and round. */
const runMix = (
  apiUrl: string,
  keys: readonly string[],
  duration: number,
  onLatency?: (ms: number) => void,
) => {
  /** autocannon's per-connection context: this connection's license and current lease. */
  const state = (ctx: object) => ctx as { key?: string; lease?: string };
  return runRecording(
    {
      url: apiUrl,
      connections: CONNECTIONS,
      duration,
      requests: [
        {
          method: 'POST',
          path: '/api/v1/license/floating/checkout',
          setupRequest: (req, ctx) => {
            const c = state(ctx);
            c.key ??= keys[connection++ % keys.length];
            return {
              ...req,
              headers: {
                'content-type': 'application/json',
                authorization: `License ${String(state(ctx).key)}`,
                'idempotency-key': `k-${n++}`,
              },
              body: JSON.stringify({ fingerprint: `node-${n}` }),
            };
          },
          onResponse: (_status, body, ctx) => {
            state(ctx).lease = (JSON.parse(body) as { lease_token?: string }).lease_token;
          },
        },
        ...[1, 2, 3].map(() => ({
          method: 'POST' as const,
          path: '/api/v1/license/floating/heartbeat',
          setupRequest: (req: autocannon.Request, ctx: object) => ({
            ...req,
            headers: {
              'content-type': 'application/json',
              authorization: `License ${String(state(ctx).key)}`,
            },
            body: JSON.stringify({ lease_token: state(ctx).lease }),
          }),
        })),
        {
          method: 'POST',
          path: '/api/v1/license/floating/checkin',
          setupRequest: (req, ctx) => ({
            ...req,
            headers: {
              'content-type': 'application/json',
              authorization: `License ${String(state(ctx).key)}`,
              'idempotency-key': `c-${n++}`,
            },
            body: JSON.stringify({ lease_token: state(ctx).lease }),
          }),
        },
      ],
    },
    onLatency,
  );
};

/**
 * The load generator's CPU per request on each side, and the highest ratio this machine could
 * show with the command API's CPU per request as it is: every core busy, shared between the
 * command API (all its threads, spread perfectly) and the load generator driving it.
 */
const printCeiling = (
  apiCpu: number | null,
  loadgenMix: number,
  loadgenBaseline: number,
  baseline: SideTotals,
) => {
  console.log(`LOADGEN_CPU\tcommand API\t${loadgenMix.toFixed(1)}`);
  console.log(`LOADGEN_CPU\tbare Fastify\t${loadgenBaseline.toFixed(1)}`);
  if (apiCpu === null || baseline.reqPerSec === 0) return;
  const fastestApi = (cpus().length * 1_000_000) / (apiCpu + loadgenMix);
  console.log(`RATIO_CEILING\t${(fastestApi / baseline.reqPerSec).toFixed(3)}`);
};

/** Issue 13's target 1: the command API at this share of the bare route's rate, at this p99. */
const TARGET = { ratio: 0.2, p99Ms: 15 } as const;

/**
 * What the latency target asks of this closed-loop load (closed-loop.ts): each side's tail
 * factor (p99 over the mean latency its rate implies); the mean latency and the p99 at the
 * target's rate with the smallest factor measured; and the rate that p99 target would need.
 */
const printClosedLoop = (
  sides: readonly (readonly [string, SideTotals])[],
  baseline: SideTotals,
) => {
  const measured = sides.filter(([, side]) => side.reqPerSec > 0);
  if (measured.length === 0 || baseline.reqPerSec === 0) return;
  const factors = measured.map(([name, side]) => {
    const factor = tailFactor(side.percentile(0.99), CONNECTIONS, side.reqPerSec);
    console.log(`TAIL_FACTOR\t${name}\t${factor.toFixed(2)}`);
    return factor;
  });
  const smallest = Math.min(...factors);
  const atTarget = TARGET.ratio * baseline.reqPerSec;
  console.log(
    `AT_TARGET_RATIO\t${TARGET.ratio}\t${Math.round(atTarget)}\t${meanLatencyMs(CONNECTIONS, atTarget).toFixed(1)}\t${p99At(smallest, CONNECTIONS, atTarget).toFixed(1)}\t${smallest.toFixed(2)}`,
  );
  const needed = rateForP99(TARGET.p99Ms, smallest, CONNECTIONS);
  console.log(
    `RATE_FOR_P99\t${TARGET.p99Ms}\t${Math.round(needed)}\t${(needed / baseline.reqPerSec).toFixed(3)}`,
  );
};

/**
 * A second command API, started with --cpu-prof, takes the same mix for PROFILE_SECONDS; its
 * profile (written when it stops) is broken down by area: main-thread µs per request.
 */
const profileCommandPath = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-api-prof-'));
  const profDir = join(dir, 'prof');
  const env = envFor(dir);
  const api = await startBenchProcess(resolve(__dirname, '../src/main.ts'), env, API_READY, {
    nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profDir}`],
  });
  try {
    const apiUrl = (api.match as unknown as [string, string])[1];
    const keys = await setUpLicenses(apiUrl, env);
    const mix = await runMix(apiUrl, keys, PROFILE_SECONDS);
    await api.stop();
    // CPU.<date>.<time>.<pid>.<thread id>.<seq>.cpuprofile: thread 0 is the event loop's.
    const files = readdirSync(profDir).filter((f) => f.endsWith('.cpuprofile'));
    const threadOf = (f: string) => Number(f.split('.')[4]);
    const file = files.find((f) => threadOf(f) === 0);
    if (file === undefined) throw new Error('the profiled command API wrote no profile');
    // Only while the mix ran: not the start-up, the set-up of the licenses, nor the shutdown.
    const requests = mix.requests.total;
    const profile = readProfile(join(profDir, file));
    const window = loadWindow(profile, MIX_CONTROLLERS);
    if (window === null) throw new Error('the profile holds no sample of the mix');
    const areas = cpuBreakdown(profile, requests, window);
    const keep = process.env.BENCH_PROFILE_OUT;
    if (keep !== undefined && keep !== '') copyFileSync(join(profDir, file), keep);
    const total = areas.reduce((sum, a) => sum + a.microsPerRequest, 0);
    console.log(
      `\ncpu profile of the command API under the mix (${PROFILE_SECONDS} s, ${requests} requests, main thread, µs per request by area, from the first to the last sample in a floating controller, ${((window.to - window.from) / 1e6).toFixed(1)} s):`,
    );
    for (const a of areas) {
      console.log(
        `CPU_AREA\t${a.area}\t${a.microsPerRequest.toFixed(1)}\t${(a.share * 100).toFixed(1)}%`,
      );
    }
    console.log(`CPU_AREA\ttotal\t${total.toFixed(1)}\t100.0%`);
    // The other threads (the SQLite writer thread): busy time per request, beside the loop.
    for (const other of files.filter((f) => threadOf(f) !== 0)) {
      const busy = cpuBreakdown(readProfile(join(profDir, other)), requests, window);
      if (keep !== undefined && keep !== '') {
        copyFileSync(join(profDir, other), `${keep}.thread${threadOf(other)}`);
      }
      const micros = busy.reduce((sum, a) => sum + a.microsPerRequest, 0);
      console.log(
        `CPU_THREAD\tworker thread ${threadOf(other)} (SQLite writer)\t${micros.toFixed(1)}`,
      );
    }
  } finally {
    await api.stop();
    rmSync(dir, { recursive: true, force: true });
  }
};

const main = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-api-'));
  const apiEnv = envFor(dir);
  const api = await startBenchProcess(resolve(__dirname, '../src/main.ts'), apiEnv, API_READY);
  const bare = await startBenchProcess(
    resolve(__dirname, 'bare-fastify.ts'),
    {},
    /listening (\S+)/,
  );
  const reference = await startBenchProcess(
    resolve(__dirname, 'pipeline-fastify.ts'),
    { REF_LICENSES: String(CONNECTIONS) },
    /listening (\S+)/,
  );
  const [, apiUrl] = api.match as unknown as [string, string];
  const bareUrl = bare.match[1] as string;
  const referenceUrl = reference.match[1] as string;
  try {
    const keys = await setUpLicenses(apiUrl, apiEnv);
    const referenceKeys = Array.from({ length: CONNECTIONS }, (_, i) => `ref-${i}`);
    const mix = new SideTotals();
    const baseline = new SideTotals();
    const pipelineOnly = new SideTotals();
    const apiCpuBefore = processCpuMicros(api.child.pid);
    const apiLoopBefore = mainThreadCpuMicros(api.child.pid);
    const bareCpuBefore = processCpuMicros(bare.child.pid);
    const referenceCpuBefore = processCpuMicros(reference.child.pid);
    const loadgen = { mix: 0, baseline: 0, pipelineOnly: 0 };
    /** Runs one slice of `side`, charging this process's CPU meanwhile to its load generator. */
    const slice = (side: keyof typeof loadgen, run: () => Promise<void>) => async () => {
      const before = process.cpuUsage();
      await run();
      const { user, system } = process.cpuUsage(before);
      loadgen[side] += user + system;
    };
    await interleave(
      SLICES,
      slice('mix', async () =>
        mix.add(await runMix(apiUrl, keys, DURATION / SLICES, (ms) => mix.record(ms))),
      ),
      slice('baseline', async () =>
        baseline.add(
          await runRecording(
            {
              url: `${bareUrl}/noop`,
              method: 'POST',
              connections: CONNECTIONS,
              duration: DURATION / SLICES,
              headers: { 'content-type': 'application/json' },
              body: '{}',
            },
            (ms) => baseline.record(ms),
          ),
        ),
      ),
      slice('pipelineOnly', async () =>
        pipelineOnly.add(
          await runMix(referenceUrl, referenceKeys, DURATION / SLICES, (ms) =>
            pipelineOnly.record(ms),
          ),
        ),
      ),
    );
    // Each server idles while the other is measured: its CPU is charged to its own requests.
    const apiCpu = cpuPerRequest(api.child.pid, apiCpuBefore, mix.requests);
    const apiLoop = cpuPerRequest(api.child.pid, apiLoopBefore, mix.requests, mainThreadCpuMicros);
    const bareCpu = cpuPerRequest(bare.child.pid, bareCpuBefore, baseline.requests);
    const referenceCpu = cpuPerRequest(
      reference.child.pid,
      referenceCpuBefore,
      pipelineOnly.requests,
    );
    const rows = [
      row('command API: checkout, 3 heartbeats, checkin', mix),
      row('bare Fastify route (no-op)', baseline),
      row(`${REFERENCE}: the same mix`, pipelineOnly),
    ];
    console.log(
      `\nbench:api — ${CONNECTIONS} connections, ${DURATION} s each in ${SLICES} alternating slices, loopback, ${cpus().length} cores, Node ${process.version}`,
    );
    const { eventStore } = await appSetup({ ...process.env, ...apiEnv });
    printSetup({ commandApi: { eventStore, connections: CONNECTIONS, seconds: DURATION } });
    console.table(rows.map((r) => ({ ...r, reqPerSec: Math.round(r.reqPerSec) })));
    console.log(
      `ratio command API / bare Fastify: ${(mix.reqPerSec / baseline.reqPerSec).toFixed(3)}`,
    );
    // What the application layer costs: the same mix with nothing between Fastify and the pipeline.
    console.log(
      `ratio ${REFERENCE} / bare Fastify: ${(pipelineOnly.reqPerSec / baseline.reqPerSec).toFixed(3)}`,
    );
    if (apiCpu !== null && bareCpu !== null) {
      // All threads of each server process, user + system, from /proc: what a request costs,
      // whatever else the machine was doing.
      console.log(`PROCESS_CPU\tcommand API\t${apiCpu.toFixed(1)}`);
      console.log(`PROCESS_CPU\tbare Fastify\t${bareCpu.toFixed(1)}`);
      if (referenceCpu !== null) {
        console.log(`PROCESS_CPU\t${REFERENCE}\t${referenceCpu.toFixed(1)}`);
      }
    }
    // The event loop's share: the one thread every request waits for.
    if (apiLoop !== null) console.log(`MAIN_THREAD_CPU\tcommand API\t${apiLoop.toFixed(1)}`);
    printCeiling(
      apiCpu,
      loadgen.mix / mix.requests,
      loadgen.baseline / baseline.requests,
      baseline,
    );
    console.log(
      `LOADGEN_CPU\t${REFERENCE}\t${(loadgen.pipelineOnly / pipelineOnly.requests).toFixed(1)}`,
    );
    printClosedLoop(
      [
        ['command API', mix],
        ['bare Fastify', baseline],
        [REFERENCE, pipelineOnly],
      ],
      baseline,
    );
    if (mix.non2xx > 0 || mix.errors > 0)
      console.log(`note: ${mix.non2xx} non-2xx and ${mix.errors} errors in the mix`);
  } finally {
    await Promise.all([api.stop(), bare.stop(), reference.stop()]);
    rmSync(dir, { recursive: true, force: true });
  }
  if (PROFILE_SECONDS > 0) await profileCommandPath();
};

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
