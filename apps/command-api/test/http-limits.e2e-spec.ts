import {
  hold,
  idleKeepAlive,
  silent,
  slowBody,
  slowHeaders,
} from '../../../test/support/slow-sockets';
import { issueLicense, startCommandApi, type Running } from './harness';

const limits = {
  HTTP_HEADERS_TIMEOUT_MS: '600',
  HTTP_REQUEST_TIMEOUT_MS: '1200',
  HTTP_KEEP_ALIVE_TIMEOUT_MS: '400',
  HTTP_IDLE_TIMEOUT_MS: '20000',
};

describe('bounded connections (issue 11): slow and idle sockets are closed', () => {
  let api: Running;
  beforeAll(async () => {
    api = await startCommandApi(limits);
  });
  afterAll(() => api.close());

  it('A1: headers sent a line at a time are cut off after HTTP_HEADERS_TIMEOUT_MS (408)', async () => {
    const held = await hold(api.url, slowHeaders('/admin/v1/products'), 15_000);
    expect(held.closedAfterMs).toBeGreaterThanOrEqual(500);
    expect(held.received).toMatch(/^HTTP\/1\.1 408/);
  });

  it('A1: a connection that sends nothing is closed after HTTP_HEADERS_TIMEOUT_MS', async () => {
    const held = await hold(api.url, silent(), 15_000);
    expect(held.closedAfterMs).toBeGreaterThanOrEqual(500);
  });

  it('A1: a body sent a byte at a time is cut off after HTTP_REQUEST_TIMEOUT_MS', async () => {
    const held = await hold(api.url, slowBody('/admin/v1/products'), 15_000);
    expect(held.closedAfterMs).toBeGreaterThanOrEqual(1000);
    expect(held.received).toMatch(/^(HTTP\/1\.1 408|$)/);
  });

  it('A1: an idle keep-alive connection is closed after HTTP_KEEP_ALIVE_TIMEOUT_MS', async () => {
    const held = await hold(api.url, idleKeepAlive('/health/live'), 15_000);
    expect(held.received).toMatch(/^HTTP\/1\.1 200/);
    expect(held.closedAfterMs).toBeGreaterThanOrEqual(300);
  });

  it('A1: several slow clients at once are all cut off, and the API still answers', async () => {
    const slow = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        hold(
          api.url,
          i % 2 ? slowHeaders('/api/v1/activate') : slowBody('/api/v1/activate'),
          20_000,
        ),
      ),
    );
    expect(slow).toHaveLength(20);
    expect((await api.request('GET', '/health/live')).status).toBe(200);
  });
});

describe('/metrics can be protected and left without per-license series', () => {
  it('A2: with METRICS_TOKEN, /metrics needs that bearer token', async () => {
    const api = await startCommandApi({ METRICS_TOKEN: 'scrape-secret' });
    try {
      expect((await api.request('GET', '/metrics')).status).toBe(401);
      const wrong = await api.request('GET', '/metrics', {
        headers: { authorization: 'Bearer nope' },
      });
      expect(wrong.status).toBe(401);
      expect(wrong.body).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
      const right = await api.request('GET', '/metrics', {
        headers: { authorization: 'Bearer scrape-secret' },
      });
      expect(right.status).toBe(200);
      expect(right.text).toContain('license_command_duration_seconds');
    } finally {
      await api.close();
    }
  });

  it('A2: with METRICS_PER_LICENSE=0, no series names a license', async () => {
    const api = await startCommandApi({ METRICS_PER_LICENSE: '0' });
    try {
      const { key, licenseId } = await issueLicense(api, 'render-farm', { max_floating_users: 2 });
      const r = await api.client(
        key,
        '/api/v1/license/floating/checkout',
        { fingerprint: 'a' },
        { 'idempotency-key': 'a' },
      );
      expect(r.status).toBe(200);
      const metrics = await api.request('GET', '/metrics');
      expect(metrics.text).toMatch(
        /license_command_duration_seconds_count\{.*command="CheckoutLease"/,
      );
      expect(metrics.text).not.toContain(licenseId);
      expect(metrics.text).not.toMatch(/license_seats_in_use\{/);
    } finally {
      await api.close();
    }
  });
});
