import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signAccessToken } from '@lic/signing';
import { startCommandApi, type Running } from './harness';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const tokenEvents = async (api: Running) =>
  (await api.events()).filter((e) => e.streamName.startsWith('admin-tokens-'));

describe('access tokens: minted, listed and revoked, each an event', () => {
  jest.setTimeout(60_000);
  let dir: string;
  let a: Running;
  let b: Running;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'access-tokens-'));
    a = await startCommandApi({}, dir);
    b = await startCommandApi({}, dir);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const mint = (api: Running, body: Record<string, unknown>) =>
    api.admin('POST', '/admin/v1/tokens', body);
  const createProduct = (api: Running, token: string, productId: string) =>
    api.request('POST', '/admin/v1/products', {
      headers: bearer(token),
      body: { name: 'Maya plug-in', product_id: productId },
    });

  it('A1: mint → list → use → revoke → refused with 401 TOKEN_REVOKED; the events carry no token', async () => {
    const minted = await mint(a, { subject: 'ci', roles: ['admin'], label: 'CI pipeline' });
    expect(minted.status).toBe(201);
    expect(minted.headers.get('x-event-position')).toMatch(/^\d+$/);
    const token = minted.body.token as string;
    const id = minted.body.token_id as string;
    expect(minted.body).toMatchObject({
      subject: 'ci',
      roles: ['admin'],
      label: 'CI pipeline',
      issued_by: 'admin:test-admin',
      revoked_at: null,
      status: 'active',
    });

    const listed = await a.admin('GET', '/admin/v1/tokens');
    expect(listed.status).toBe(200);
    const entry = (listed.body.tokens as Record<string, unknown>[]).find((t) => t.token_id === id);
    expect(entry).toMatchObject({ subject: 'ci', label: 'CI pipeline', status: 'active' });
    expect(entry && 'token' in entry).toBe(false);
    expect(listed.text).not.toContain(token.split('.')[2]);

    expect((await createProduct(a, token, 'p-before')).status).toBe(201);

    const revoked = await a.admin('DELETE', `/admin/v1/tokens/${id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({
      token_id: id,
      status: 'revoked',
      revoked_by: 'admin:test-admin',
    });

    const refused = await createProduct(a, token, 'p-after');
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({
      error: { code: 'TOKEN_REVOKED', message: expect.stringContaining('revoked at') },
    });
    const after = await a.admin('GET', '/admin/v1/tokens');
    expect(
      (after.body.tokens as Record<string, unknown>[]).find((t) => t.token_id === id),
    ).toMatchObject({ status: 'revoked', revoked_at: revoked.body.revoked_at });

    const recorded = (await tokenEvents(a)).filter((e) => e.data.tokenId === id);
    expect(recorded.map((e) => e.type)).toEqual(['AdminTokenIssued.v1', 'AdminTokenRevoked.v1']);
    const written = JSON.stringify(recorded.map((e) => [e.data, e.metadata]));
    for (const part of token.split('.')) expect(written).not.toContain(part);
  });

  it('A1: a token revoked through one instance is refused by a second instance sharing the store, at its next request', async () => {
    const minted = await mint(a, { subject: 'ops', roles: ['admin'] });
    const token = minted.body.token as string;
    // b has never seen this token: it reads the admin-tokens stream afresh and accepts it.
    expect((await createProduct(b, token, 'p-on-b')).status).toBe(201);
    expect(
      (await a.admin('DELETE', `/admin/v1/tokens/${minted.body.token_id as string}`)).status,
    ).toBe(200);
    const refused = await createProduct(b, token, 'p-on-b-after');
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ error: { code: 'TOKEN_REVOKED' } });
    // and b lists what a recorded
    const listed = await b.admin('GET', '/admin/v1/tokens');
    expect(
      (listed.body.tokens as Record<string, unknown>[]).find(
        (t) => t.token_id === minted.body.token_id,
      ),
    ).toMatchObject({ status: 'revoked' });
  });

  it('A1: revoking a revoked token answers it as it stands and records nothing', async () => {
    const minted = await mint(a, { subject: 'twice', roles: ['auditor'] });
    const path = `/admin/v1/tokens/${minted.body.token_id as string}`;
    const first = await a.admin('DELETE', path);
    const before = (await tokenEvents(a)).length;
    const second = await b.admin('DELETE', path);
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('x-event-position')).toBeNull();
    expect((await tokenEvents(a)).length).toBe(before);
  });

  it.each([
    ['an unknown role', { subject: 'x', roles: ['root'] }, 'body.roles'],
    ['no role', { subject: 'x', roles: [] }, 'body.roles'],
    ['a role twice', { subject: 'x', roles: ['admin', 'admin'] }, 'body.roles'],
    [
      'a label of 101 characters',
      { subject: 'x', roles: ['admin'], label: 'l'.repeat(101) },
      'body.label',
    ],
    ['a blank label', { subject: 'x', roles: ['admin'], label: '  ' }, 'body.label'],
    ['an unknown field', { subject: 'x', roles: ['admin'], token: 'mine' }, 'body.token'],
  ])('A1: minting with %s is a 400 naming the field; nothing appended', async (_, body, field) => {
    const before = (await tokenEvents(a)).length;
    const r = await mint(a, body);
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({
      error: { code: 'BAD_REQUEST', message: expect.stringContaining(field) },
    });
    expect((await tokenEvents(a)).length).toBe(before);
  });

  it('A1: revoking an unknown id is a 404 TOKEN_NOT_FOUND, a malformed id a 400; nothing appended', async () => {
    const before = (await tokenEvents(a)).length;
    const unknown = await a.admin('DELETE', '/admin/v1/tokens/tok-never-minted');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: { code: 'TOKEN_NOT_FOUND' } });
    const malformed = await a.admin('DELETE', `/admin/v1/tokens/${'x'.repeat(65)}`);
    expect(malformed.status).toBe(400);
    expect((await tokenEvents(a)).length).toBe(before);
  });

  it('A1: only an admin lists and revokes; a token with an id the stream never recorded is refused', async () => {
    const auditor = await mint(a, { subject: 'audit', roles: ['auditor'] });
    const asAuditor = await a.request('GET', '/admin/v1/tokens', {
      headers: bearer(auditor.body.token as string),
    });
    expect(asAuditor.status).toBe(403);
    const now = a.clock.now();
    const unrecorded = await signAccessToken(a.api.ring, {
      issuer: 'test',
      subject: 'forged-by-key-holder',
      roles: ['admin'],
      issuedAt: now,
      expiresAt: now + 3_600_000,
      tokenId: 'tok-not-in-the-stream',
    });
    const r = await createProduct(a, unrecorded, 'p-unrecorded');
    expect(r.status).toBe(401);
    expect(r.body).toMatchObject({
      error: { code: 'INVALID_TOKEN', message: expect.stringContaining('not recorded') },
    });
  });
});
