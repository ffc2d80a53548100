import { issueLicense, startCommandApi, type Answer, type Running } from './harness';

const NUL = String.fromCharCode(0);

/** A 400 that names `field` (and, if given, the limit), and that appended nothing. */
const refused = async (
  api: Running,
  send: () => Promise<Answer>,
  field: string,
  limit?: string,
) => {
  const before = (await api.events()).length;
  const r = await send();
  expect(r.status).toBe(400);
  expect(r.body).toMatchObject({
    error: {
      code: 'BAD_REQUEST',
      details: expect.arrayContaining([expect.objectContaining({ field })]),
    },
  });
  if (limit) expect(JSON.stringify(r.body)).toContain(limit);
  expect((await api.events()).length).toBe(before);
  return r;
};

describe('no input can poison a license (issue 11)', () => {
  let api: Running;
  beforeAll(async () => {
    api = await startCommandApi();
  });
  afterAll(() => api.close());

  it('O7: renew with days 3,000,000 or 1e15 is a 400 naming the field and the limit', async () => {
    const { licenseId } = await issueLicense(api, 'indie');
    for (const days of [3_000_000, 1e15, 0, 2.5, '30']) {
      await refused(
        api,
        () => api.admin('POST', `/admin/v1/licenses/${licenseId}/renew`, { days }),
        'body.days',
        'an integer from 1 to 36525',
      );
    }
    expect(
      (await api.admin('POST', `/admin/v1/licenses/${licenseId}/renew`, { days: 36_525 })).status,
    ).toBe(422);
    expect(
      (await api.admin('POST', `/admin/v1/licenses/${licenseId}/renew`, { days: 365 })).status,
    ).toBe(200);
  });

  it.each([
    ['O7', 'durationDays', 'indie', { durationDays: 3_000_000 }, 'an integer from 1 to 36525'],
    [
      'F5',
      'floating.floatingTimeoutMinutes',
      'render-farm',
      { floating: { floatingTimeoutMinutes: 5e9 } },
      'an integer from 1 to 10080',
    ],
    [
      'S2',
      'sessions.interactiveIdleMinutes',
      'studio',
      { sessions: { interactiveIdleMinutes: 5e9 } },
      'an integer from 1 to 10080',
    ],
    [
      'O2',
      'offlineDays.active',
      'indie',
      { offlineDays: { active: 3e6 } },
      'an integer from 0 to 3650',
    ],
  ])(
    '%s: a preset override of policy.%s past its bound is a 400 naming the field and the limit',
    async (_rule, field, preset, policy, limit) => {
      await issueLicense(api, 'indie');
      await refused(
        api,
        () =>
          api.admin('POST', '/admin/v1/products/maya/variants', {
            variant_id: `v-${field}`.replace(/\./g, '-'),
            preset,
            policy,
          }),
        `body.policy.${field}`,
        limit,
      );
    },
  );

  it('F4: max_floating_users 3e9 is a 400; 1,000,000 is the most', async () => {
    await issueLicense(api, 'indie');
    await refused(
      api,
      () =>
        api.admin('POST', '/admin/v1/licenses', {
          product_id: 'maya',
          variant_id: 'render-farm',
          seats: { max_floating_users: 3e9 },
        }),
      'body.seats.max_floating_users',
      'an integer from 1 to 1000000',
    );
    const most = await api.admin('POST', '/admin/v1/licenses', {
      product_id: 'maya',
      variant_id: 'render-farm',
      seats: { max_floating_users: 1_000_000 },
    });
    expect(most.status).toBe(201);
  });

  it('A1: NUL (or any control character) in a licensee or a reason is a 400', async () => {
    await issueLicense(api, 'indie');
    await refused(
      api,
      () =>
        api.admin('POST', '/admin/v1/licenses', {
          product_id: 'maya',
          variant_id: 'indie',
          licensee: `Studio${NUL}Nine`,
        }),
      'body.licensee',
      'without control characters',
    );
    const { licenseId } = await issueLicense(api, 'indie');
    for (const reason of [`unpaid${NUL}`, 'line\nbreak', 'x'.repeat(501), '   ', '\ud800']) {
      await refused(
        api,
        () => api.admin('POST', `/admin/v1/licenses/${licenseId}/suspend`, { reason }),
        'body.reason',
      );
    }
    expect(
      (
        await api.admin('POST', `/admin/v1/licenses/${licenseId}/suspend`, {
          reason: 'x'.repeat(500),
        })
      ).status,
    ).toBe(200);
  });

  it('A1: an admin token with ttl_hours 1e300 is a 400, not a 500', async () => {
    await refused(
      api,
      () =>
        api.admin('POST', '/admin/v1/tokens', {
          subject: 'auditor',
          roles: ['auditor'],
          ttl_hours: 1e300,
        }),
      'body.ttl_hours',
      'an integer from 1 to 8760',
    );
  });

  it('A1: unknown fields are refused, naming them: expires_at, seats.machines', async () => {
    await issueLicense(api, 'indie');
    const issue = (extra: Record<string, unknown>) => () =>
      api.admin('POST', '/admin/v1/licenses', {
        product_id: 'maya',
        variant_id: 'indie',
        ...extra,
      });
    const r = await refused(
      api,
      issue({ expires_at: '2030-01-01T00:00:00.000Z' }),
      'body.expires_at',
    );
    expect(r.body).toMatchObject({
      error: { message: 'body.expires_at is not a known field (unknown fields are refused)' },
    });
    await refused(api, issue({ seats: { machines: 3 } }), 'body.seats.machines');
  });

  it('A1: a route that takes no body refuses one with fields in it', async () => {
    const { licenseId } = await issueLicense(api, 'indie');
    await refused(
      api,
      () => api.admin('POST', '/admin/v1/products/maya/variants/trial/retire', { reason: 'x' }),
      'body.reason',
    );
    await refused(
      api,
      () =>
        api.admin('DELETE', `/admin/v1/licenses/${licenseId}/activations/act-1`, { force: true }),
      'body.force',
    );
  });

  it('T1: a variant from a preset with a partial policy override merges it (deep), or refuses it; never drops it', async () => {
    await issueLicense(api, 'indie');
    const merged = await api.admin('POST', '/admin/v1/products/maya/variants', {
      variant_id: 'farm-small',
      preset: 'render-farm',
      policy: { floating: { maxFloatingUsers: 5 }, refusalLog: { maxPerDay: 500 } },
    });
    expect(merged.status).toBe(201);
    expect(merged.body).toMatchObject({
      policy: {
        licenseType: 'floating',
        floating: { maxFloatingUsers: 5, floatingTimeoutMinutes: 15 },
        refusalLog: { windowSeconds: 60, maxPerWindow: 600, maxPerDay: 500 },
      },
    });
    const license = await api.admin('POST', '/admin/v1/licenses', {
      product_id: 'maya',
      variant_id: 'farm-small',
    });
    expect(license.body).toMatchObject({ policy: { floating: { maxFloatingUsers: 5 } } });
    await refused(
      api,
      () =>
        api.admin('POST', '/admin/v1/products/maya/variants', {
          variant_id: 'typo',
          preset: 'indie',
          policy: { maxMachine: 3 },
        }),
      'body.policy.maxMachine',
    );
    const invalid = await api.admin('POST', '/admin/v1/products/maya/variants', {
      variant_id: 'site-geo',
      preset: 'site',
      policy: { geoSpread: { enabled: true } },
    });
    expect(invalid.status).toBe(422);
    expect(invalid.body).toMatchObject({ error: { code: 'INVALID_POLICY' } });
  });

  it('S6: on_behalf_of is bounded like a user name: 60 KB is a 400 and stores nothing', async () => {
    const { key } = await issueLicense(api, 'studio', { max_sessions: 2 });
    const opened = await api.client(key, '/api/v1/sessions', { username: 'svc', kind: 'service' });
    expect(opened.status).toBe(201);
    const path = `/api/v1/sessions/${opened.body.session_id as string}/activity`;
    await refused(
      api,
      () => api.client(key, path, { on_behalf_of: 'x'.repeat(60_000) }),
      'body.on_behalf_of',
      '1 to 128 characters',
    );
    await refused(
      api,
      () => api.client(key, path, { on_behalf_of: `ann${NUL}` }),
      'body.on_behalf_of',
    );
    const ok = await api.client(key, path, { on_behalf_of: 'a'.repeat(128) });
    expect(ok.status).toBe(200);
    const last = (await api.events()).at(-1);
    expect(last).toMatchObject({
      type: 'SessionActivityRecorded.v1',
      data: { onBehalfOf: 'a'.repeat(128) },
    });
  });

  it('A2: the OpenAPI document shows the limits and refuses unknown fields', async () => {
    const doc = (await api.request('GET', '/api/docs-json')).body as {
      components: { schemas: Record<string, Record<string, unknown>> };
      paths: Record<
        string,
        Record<
          string,
          { requestBody?: { content: Record<string, { schema: Record<string, unknown> }> } }
        >
      >;
    };
    const resolve = (schema: Record<string, unknown>): Record<string, unknown> =>
      typeof schema['$ref'] === 'string'
        ? (doc.components.schemas[schema['$ref'].replace('#/components/schemas/', '')] ?? {})
        : schema;
    const body = (path: string, method = 'post') =>
      resolve(doc.paths[path]?.[method]?.requestBody?.content['application/json']?.schema ?? {});
    expect(body('/admin/v1/licenses')).toMatchObject({
      additionalProperties: false,
      properties: {
        seats: {
          additionalProperties: false,
          properties: { max_floating_users: { type: 'integer', minimum: 1, maximum: 1_000_000 } },
        },
        licensee: { maxLength: 500 },
      },
    });
    expect(JSON.stringify(doc)).toContain('"maximum":36525');
    expect(JSON.stringify(doc)).toContain('"maximum":10080');
  });
});

describe('a license outlives a restart (A1: every event reads back)', () => {
  it('A1: after extreme-but-valid commands and a restart, every license still answers, revoke included', async () => {
    const first = await startCommandApi();
    const dir = first.dir;
    const { licenseId, key } = await issueLicense(first, 'render-farm', {
      max_floating_users: 1_000_000,
    });
    expect(
      (await first.admin('POST', `/admin/v1/licenses/${licenseId}/renew`, { days: 36_000 })).status,
    ).toBe(200);
    const checkout = await first.client(
      key,
      '/api/v1/license/floating/checkout',
      { fingerprint: 'n1' },
      { 'idempotency-key': 'k1' },
    );
    expect(checkout.status).toBe(200);
    await first.api.close();
    const again = await startCommandApi({}, dir);
    try {
      const heartbeat = await again.client(key, '/api/v1/license/floating/heartbeat', {
        lease_token: checkout.body.lease_token,
      });
      expect(heartbeat.status).toBe(200);
      expect(
        (
          await again.admin('POST', `/admin/v1/licenses/${licenseId}/revoke`, {
            reason: 'end of test',
          })
        ).status,
      ).toBe(200);
    } finally {
      await again.close();
    }
  });
});
