import { startSystem, type RunningSystem } from '../api-docs/support/system';

const call = async (url: string, token: string, init: { method?: string; body?: unknown } = {}) => {
  const r = await fetch(url, {
    method: init.method ?? 'GET',
    headers: {
      authorization: `Bearer ${token}`,
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await r.text();
  return { status: r.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
};

/** npm start as an operator runs it: the printed token is recorded; revocation reaches the query API. */
describe('npm start: recorded access tokens, refused everywhere once revoked', () => {
  jest.setTimeout(180_000);
  let system: RunningSystem;
  beforeAll(async () => {
    system = await startSystem();
  });
  afterAll(() => system?.stop());

  it('A1: the printed token is listed (minted by system:launcher); an auditor token revoked through the command API is refused by the query API at its next request', async () => {
    const { commandUrl, queryUrl, adminToken } = system;
    const listed = await call(`${commandUrl}/admin/v1/tokens`, adminToken);
    expect(listed.status).toBe(200);
    expect(listed.body.tokens).toEqual([
      expect.objectContaining({
        subject: 'bootstrap-admin',
        roles: ['admin'],
        issued_by: 'system:launcher',
        status: 'active',
      }),
    ]);

    const minted = await call(`${commandUrl}/admin/v1/tokens`, adminToken, {
      method: 'POST',
      body: { subject: 'audit-team', roles: ['auditor'], label: 'compliance' },
    });
    expect(minted.status).toBe(201);
    const auditor = minted.body.token as string;
    expect((await call(`${queryUrl}/query/v1/audit?limit=1`, auditor)).status).toBe(200);

    const revoked = await call(
      `${commandUrl}/admin/v1/tokens/${minted.body.token_id as string}`,
      adminToken,
      { method: 'DELETE' },
    );
    expect(revoked.status).toBe(200);
    const refused = await call(`${queryUrl}/query/v1/audit?limit=1`, auditor);
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({
      error: { code: 'TOKEN_REVOKED', message: expect.stringContaining('revoked at') },
    });
    expect((await call(`${queryUrl}/query/v1/audit?limit=1`, adminToken)).status).toBe(200);
  });
});
