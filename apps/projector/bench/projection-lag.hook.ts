/**
 * HOOK (projection lag under load) — needs the command API, which is not ready yet.
 *
 * To measure: start the command API and the projector on the same stores, drive the command
 * API with autocannon (checkouts, heartbeats, checkins at a fixed rate), and sample the
 * projector's GET /health every 100 ms: `lag.events` and the age of `lag.oldestRecordedAt`
 * give the lag in events and in seconds; report p50/p99/max beside the request rate. Replace
 * the body below with that and call it from projection.bench.ts.
 */
export const projectionLagUnderLoad = async (): Promise<string> =>
  'projection lag under load: skipped (needs the command API; see projection-lag.hook.ts)';
