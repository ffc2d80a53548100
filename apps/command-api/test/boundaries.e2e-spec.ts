import { eventsOf, issueLicense, startCommandApi, type Running } from './harness';

describe('bad input, credentials and roles', () => {
  let api: Running;
  beforeAll(async () => {
    api = await startCommandApi();
  });
  afterAll(() => api.close());

  const noStack = (text: string) => {
    expect(text).not.toMatch(/at .*\.(ts|js):\d+/);
    expect(text).not.toMatch(/node_modules/);
  };

  it('A1: a malformed body is a 400 naming the field, and appends nothing', async () => {
    const { key, licenseId } = await issueLicense(api, 'render-farm', { max_floating_users: 2 });
    const before = eventsOf(await api.events(), licenseId).length;
    const cases: [unknown, string][] = [
      [{}, 'body.fingerprint'],
      [{ fingerprint: 42 }, 'body.fingerprint'],
      [{ fingerprint: '' }, 'body.fingerprint'],
      [{ fingerprint: 'x'.repeat(300) }, 'body.fingerprint'],
    ];
    for (const [body, field] of cases) {
      const r = await api.client(key, '/api/v1/license/floating/checkout', body, {
        'idempotency-key': 'k',
      });
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ error: { code: 'BAD_REQUEST', details: [{ field }] } });
      noStack(r.text);
    }
    const broken = await api.request('POST', '/api/v1/license/floating/checkout', {
      headers: { authorization: `License ${key}`, 'idempotency-key': 'k' },
      raw: '{"fingerprint":',
    });
    expect(broken.status).toBe(400);
    expect(broken.body).toMatchObject({ error: { code: 'BAD_REQUEST' } });
    noStack(broken.text);
    expect(eventsOf(await api.events(), licenseId)).toHaveLength(before);
  });

  it('A1: credentials: no key 401, a forged key 401, an unknown license 404', async () => {
    const { key, licenseId } = await issueLicense(api, 'indie');
    const path = '/api/v1/activate';
    expect((await api.request('POST', path, { body: { fingerprint: 'a' } })).status).toBe(401);
    const forged = `${key.slice(0, -5)}AAAAA`;
    expect((await api.client(forged, path, { fingerprint: 'a' })).body).toMatchObject({
      error: { code: 'INVALID_LICENSE_KEY' },
    });
    const unknown = key.replace(licenseId, 'lic-nobody');
    const r = await api.client(unknown, path, { fingerprint: 'a' });
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ error: { code: 'LICENSE_NOT_FOUND' } });
  });

  it('A1: admin routes need a bearer token with the admin role', async () => {
    expect((await api.request('POST', '/admin/v1/products', { body: { name: 'x' } })).status).toBe(
      401,
    );
    const bad = await api.request('POST', '/admin/v1/products', {
      headers: { authorization: 'Bearer nope' },
      body: { name: 'x' },
    });
    expect(bad.status).toBe(401);
    const minted = await api.admin('POST', '/admin/v1/tokens', {
      subject: 'auditor-1',
      roles: ['auditor'],
    });
    expect(minted.status).toBe(201);
    const forbidden = await api.request('POST', '/admin/v1/products', {
      headers: { authorization: `Bearer ${minted.body.token as string}` },
      body: { name: 'x' },
    });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });

  it('A1: a license key never appears in an event; only its hash', async () => {
    const { key } = await issueLicense(api, 'indie');
    await api.client(key, '/api/v1/activate', { fingerprint: 'ws' });
    const all = JSON.stringify(
      (await api.events()).map((e) => ({ ...e, revision: 0, position: 0 })),
    );
    expect(all).not.toContain(key);
    expect(all).not.toContain(key.slice(-43));
  });

  it('A1: every event records the actor and the request correlation id', async () => {
    const { key, licenseId } = await issueLicense(api, 'indie');
    await api.client(
      key,
      '/api/v1/activate',
      { fingerprint: 'ws' },
      { 'x-correlation-id': 'trace-abc-123' },
    );
    const last = eventsOf(await api.events(), licenseId).at(-1);
    expect(last?.metadata).toMatchObject({
      correlationId: 'trace-abc-123',
      actor: `license:${licenseId}`,
    });
  });

  it('A1: unknown routes and methods answer JSON errors', async () => {
    const r = await api.request('GET', '/nope');
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('A2: the OpenAPI document and Swagger UI are served', async () => {
    const doc = await api.request('GET', '/api/docs-json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths as object)).toContain('/api/v1/license/floating/checkout');
    expect((await api.request('GET', '/api/docs')).status).toBe(200);
  });
});

describe('the test clock', () => {
  it('A1: is absent (404) unless the process starts with LICENSE_TEST_CLOCK=1', async () => {
    const api = await startCommandApi({ LICENSE_TEST_CLOCK: '0' });
    try {
      const r = await api.request('POST', '/test/v1/clock/advance', { body: { seconds: 60 } });
      expect(r.status).toBe(404);
    } finally {
      await api.close();
    }
  });
});
