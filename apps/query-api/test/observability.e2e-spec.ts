import { rmSync } from 'node:fs';
import { capturedLogger, sample } from '../../../libs/observability/src/testing';
import { KeyRingAccessTokenVerifier } from '../src/auth/access-token-verifier';
import { createQueryApi, type QueryApi } from '../src/bootstrap';
import { configFor } from '../../../test/read-side/support/config';
import { openReadSide, type ReadSide } from '../../../test/read-side/support/harness';
import { commands, policies } from '../../../test/read-side/support/license-world';
import { describeOnReadDbs } from '../../../test/read-side/support/read-dbs';
import { issueTokens, type Tokens } from '../../../test/read-side/support/tokens';
import { withSwitchablePing } from './unreachable-store';

describeOnReadDbs('query API health, metrics and logs', (kind) => {
  let rs: ReadSide;
  let api: QueryApi;
  let tokens: Tokens;
  let storeDown = false;
  const logs = capturedLogger('query-api', 'info');
  const get = async (url: string, headers: Record<string, string> = {}) => {
    const res = await api.app.inject({ method: 'GET', url, headers });
    return {
      status: res.statusCode,
      headers: res.headers,
      text: res.body,
      json: () => res.json() as Record<string, never>,
    };
  };
  const admin = () => ({ authorization: `Bearer ${tokens.admin}` });

  beforeAll(async () => {
    rs = await openReadSide(kind);
    await rs.world.product('prod-1');
    await rs.world.issue('lic-f', policies.floating(3));
    await rs.world.run('lic-f', commands.checkout('L1'));
    await rs.project();
    tokens = await issueTokens(rs.clock);
    api = await createQueryApi(configFor({ READY_MAX_LAG_EVENTS: '2' }), {
      clock: rs.clock,
      eventStore: withSwitchablePing(rs.eventStore, () => storeDown),
      db: rs.db,
      verifier: new KeyRingAccessTokenVerifier(tokens.ring, rs.clock),
      logger: logs.logger,
    });
    await api.app.init();
    await api.app.getHttpAdapter().getInstance().ready();
  });
  afterAll(async () => {
    await api.close();
    await rs.close();
    rmSync(tokens.dir, { recursive: true, force: true });
  });

  it('A2: /health/live and /health/ready answer without a token; ready checks the event store, the read database and the projection lag', async () => {
    expect((await get('/health/live')).status).toBe(200);
    const ready = await get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.json()).toMatchObject({
      status: 'ok',
      info: {
        event_store: { status: 'up' },
        read_db: { status: 'up' },
        projection: { status: 'up', lagEvents: 0, lagSeconds: 0, maxLagEvents: 2 },
      },
    });
    expect(ready.headers['x-read-model-position']).toBeUndefined();
  });

  it('A2: not ready while the read models lag more than READY_MAX_LAG_EVENTS behind, or the event store does not answer', async () => {
    await rs.world.run('lic-f', commands.checkout('L2'));
    await rs.world.run('lic-f', commands.checkout('L3'));
    expect((await get('/health/ready')).status).toBe(200); // 2 behind: at the bound
    await rs.world.run('lic-f', commands.heartbeat('L3'));
    const behind = await get('/health/ready');
    expect(behind.status).toBe(503);
    expect(behind.json()).toMatchObject({
      error: { projection: { status: 'down', lagCapped: true, maxLagEvents: 2 } },
    });
    await rs.project();
    expect((await get('/health/ready')).status).toBe(200);

    storeDown = true;
    const down = await get('/health/ready');
    storeDown = false;
    expect(down.status).toBe(503);
    expect(down.json()).toMatchObject({
      error: { event_store: { status: 'down', message: 'connection refused' } },
      info: { read_db: { status: 'up' } },
    });
    expect((await get('/health/live')).status).toBe(200);
  });

  it('A2: /metrics has HTTP request durations by route template and status, and the projection lag', async () => {
    expect((await get('/query/v1/licenses', admin())).status).toBe(200);
    expect((await get('/query/v1/licenses/lic-f', admin())).status).toBe(200);
    expect((await get('/query/v1/licenses/lic-nope', admin())).status).toBe(404);
    expect((await get('/query/v1/licenses')).status).toBe(401);
    expect((await get('/no/such/route')).status).toBe(404);
    const metrics = await get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.headers['content-type']).toContain('text/plain');
    const count = (route: string, status: string) =>
      sample(metrics.text, 'http_request_duration_seconds_count', {
        method: 'GET',
        route,
        status,
      });
    expect(count('/query/v1/licenses', '200')).toBe(1);
    expect(count('/query/v1/licenses', '401')).toBe(1);
    expect(count('/query/v1/licenses/:licenseId', '200')).toBe(1);
    expect(count('/query/v1/licenses/:licenseId', '404')).toBe(1);
    expect(count('unmatched', '404')).toBe(1);
    expect(sample(metrics.text, 'license_projection_lag_events', { app: 'query-api' })).toBe(0);
    expect(sample(metrics.text, 'license_projection_lag_seconds', { app: 'query-api' })).toBe(0);
  });

  it('A1: request logs are JSON lines carrying the correlation id, and never an access token', async () => {
    const res = await get('/query/v1/licenses/lic-f', {
      ...admin(),
      'x-correlation-id': 'corr-query-9',
    });
    expect(res.headers['x-correlation-id']).toBe('corr-query-9');
    expect(typeof res.headers['x-request-id']).toBe('string');
    const page = await get(`/dashboard?access_token=${tokens.admin}`);
    expect(page.status).toBe(303); // signed in: the token moves into the session cookie
    const lines = logs.lines();
    const ofRequest = lines.filter((l) => l.correlationId === 'corr-query-9');
    expect(ofRequest.map((l) => l.msg)).toEqual(['incoming request', 'request completed']);
    expect(ofRequest[0]).toMatchObject({
      app: 'query-api',
      level: 'info',
      requestId: res.headers['x-request-id'],
      req: { method: 'GET', url: '/query/v1/licenses/lic-f' },
    });
    // Without the header, the request id is the correlation id.
    const dashboard = lines.find(
      (l) => (l.req as { url?: string } | undefined)?.url?.startsWith('/dashboard') === true,
    );
    expect(dashboard).toMatchObject({
      req: { url: '/dashboard?access_token=[redacted]' },
    });
    expect(dashboard?.correlationId).toBe(dashboard?.requestId);
    const all = logs.text.join('\n');
    expect(all).not.toContain(tokens.admin);
    // Probes and scrapes (many a minute) stay out of the request log.
    const urls = lines.map((l) => (l.req as { url?: string } | undefined)?.url ?? '');
    expect(urls.filter((u) => u.startsWith('/health') || u.startsWith('/metrics'))).toEqual([]);
  });
});
