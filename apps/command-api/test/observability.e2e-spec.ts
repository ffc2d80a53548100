import { Writable } from 'node:stream';
import { createLogger } from '@lic/observability';
import type { EventStore } from '@lic/event-store';
import { EVENT_STORE } from '../src/infrastructure/tokens';
import { issueLicense, startCommandApi, type Running } from './harness';

/** Collects every JSON log line the command API writes. */
const captured = () => {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, logger: createLogger('command-api', 'info', stream) };
};

/** The value of the sample of `name` whose labels include `labels` (in any order). */
const sample = (text: string, name: string, labels: Record<string, string>): number | null => {
  for (const line of text.split('\n')) {
    const m = /^(\w+)\{(.*)\} (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const has = Object.entries(labels).every(([k, v]) => (m[2] ?? '').includes(`${k}="${v}"`));
    if (has) return Number(m[3]);
  }
  return null;
};

describe('health, metrics and logs', () => {
  let api: Running;
  const logs = captured();
  beforeAll(async () => {
    api = await startCommandApi({}, undefined, logs.logger);
  });
  afterAll(() => api.close());

  it('A2: liveness and readiness answer, readiness checking the event store', async () => {
    const live = await api.request('GET', '/health/live');
    expect(live.status).toBe(200);
    const ready = await api.request('GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ok', info: { event_store: { status: 'up' } } });
  });

  it('U2: /metrics exposes command latency, seats in use and refusals by reason', async () => {
    const { key, licenseId } = await issueLicense(api, 'render-farm', { max_floating_users: 1 });
    await api.client(
      key,
      '/api/v1/license/floating/checkout',
      { fingerprint: 'a' },
      { 'idempotency-key': 'a' },
    );
    await api.client(
      key,
      '/api/v1/license/floating/checkout',
      { fingerprint: 'b' },
      { 'idempotency-key': 'b' },
    );
    const metrics = await api.request('GET', '/metrics');
    expect(metrics.status).toBe(200);
    const at = (name: string, labels: Record<string, string>) => sample(metrics.text, name, labels);
    expect(
      at('license_command_duration_seconds_count', { command: 'CheckoutLease', outcome: 'ok' }),
    ).toBe(1);
    expect(at('license_seats_in_use', { license: licenseId, kind: 'lease' })).toBe(1);
    expect(at('license_refusals_total', { kind: 'checkout', reason: 'SEATS_EXHAUSTED' })).toBe(1);
  });

  it('F5: the seats gauge counts a lease free from its timeout instant, computed when scraped', async () => {
    const { key, licenseId } = await issueLicense(api, 'render-farm', { max_floating_users: 2 });
    const checkout = (fingerprint: string) =>
      api.client(
        key,
        '/api/v1/license/floating/checkout',
        { fingerprint },
        { 'idempotency-key': fingerprint },
      );
    await checkout('early');
    await api.advance(60);
    await checkout('late');
    const leases = async () =>
      sample((await api.request('GET', '/metrics')).text, 'license_seats_in_use', {
        license: licenseId,
        kind: 'lease',
      });
    expect(await leases()).toBe(2);
    await api.advance(15 * 60 - 60); // the first lease's timeout instant: no decision since
    expect(await leases()).toBe(1);
  });

  it('A1: logs are JSON with the correlation id, and never contain a license key or token', async () => {
    const { key } = await issueLicense(api, 'indie');
    const activated = await api.client(
      key,
      '/api/v1/activate',
      { fingerprint: 'ws' },
      { 'x-correlation-id': 'corr-log-1' },
    );
    await api.client(key, '/api/v1/validate', { token: activated.body.token, fingerprint: 'ws' });
    const parsed = logs.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(parsed.some((l) => l.correlationId === 'corr-log-1')).toBe(true);
    const all = logs.lines.join('\n');
    expect(all).not.toContain(key);
    expect(all).not.toContain(activated.body.token as string);
    expect(all).not.toContain(api.adminToken);
  });
});

describe('readiness when the event store is gone', () => {
  it('A2: /health/ready answers 503 naming the event store', async () => {
    const api = await startCommandApi();
    try {
      const store = api.api.app.get(EVENT_STORE) as EventStore;
      jest.spyOn(store, 'ping').mockRejectedValue(new Error('store unreachable'));
      const ready = await api.request('GET', '/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({
        status: 'error',
        error: { event_store: { status: 'down' } },
      });
    } finally {
      await api.close();
    }
  });
});
