// node -r ./test/event-store/register-swc.js apps/command-api/bench/token-check.bench.ts
//
// What checking an access token against the admin-tokens stream costs per request: the same
// admin request (refused after authentication with a 400, so nothing else is measured) sent
// sequentially with a token minted before tokens were recorded (no id: signature only) and
// with a recorded token (signature + one read of the stream's tail), on the embedded store,
// in-process. Then how long a replica that never read the stream takes for its first check
// with TOKENS tokens recorded.
import { performance } from 'node:perf_hooks';
import { startCommandApi } from '../test/harness';

const N = Number(process.env.BENCH_REQUESTS ?? 2000);
const TOKENS = Number(process.env.BENCH_TOKENS ?? 1000);

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

const main = async () => {
  const api = await startCommandApi();
  const recorded = await api.admin('POST', '/admin/v1/tokens', { subject: 'b', roles: ['admin'] });
  const tokens = { legacy: api.adminToken, recorded: recorded.body.token as string };
  const measure = async (token: string) => {
    const times: number[] = [];
    for (let i = 0; i < N; i++) {
      const t0 = performance.now();
      const r = await api.request('POST', '/admin/v1/products', {
        headers: { authorization: `Bearer ${token}` },
        body: {},
      });
      times.push(performance.now() - t0);
      if (r.status !== 400) throw new Error(`expected 400, got ${r.status} ${r.text}`);
    }
    return times.sort((a, b) => a - b);
  };
  await measure(tokens.legacy); // warm-up
  for (const [name, token] of Object.entries(tokens)) {
    const t = await measure(token);
    process.stdout.write(
      `${name.padEnd(9)} ${N} requests: median ${quantile(t, 0.5).toFixed(3)} ms, p99 ${quantile(t, 0.99).toFixed(3)} ms\n`,
    );
  }
  for (let i = 1; i < TOKENS; i++) {
    await api.admin('POST', '/admin/v1/tokens', { subject: `s${i}`, roles: ['auditor'] });
  }
  const second = await startCommandApi({}, api.dir);
  const t0 = performance.now();
  const first = await second.request('POST', '/admin/v1/products', {
    headers: { authorization: `Bearer ${tokens.recorded}` },
    body: {},
  });
  process.stdout.write(
    `first check on a fresh replica with ${TOKENS} tokens recorded: ${(performance.now() - t0).toFixed(1)} ms (status ${first.status})\n`,
  );
  await second.close();
  await api.close();
};

main().catch((e: unknown) => {
  process.stderr.write(`${String(e)}\n`);
  process.exit(1);
});
