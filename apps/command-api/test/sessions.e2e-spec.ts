import { issueLicense, startCommandApi, type Running } from './harness';

describe('sessions over HTTP (seed 000)', () => {
  let api: Running;
  beforeAll(async () => {
    api = await startCommandApi();
  });
  afterAll(() => api.close());

  const open = (key: string, username: string, kind = 'interactive') =>
    api.client(key, '/api/v1/sessions', { username, kind });
  const activity = (key: string, id: unknown, body: unknown = {}) =>
    api.client(key, `/api/v1/sessions/${id as string}/activity`, body);

  it('S1: a session takes a slot; with all in use opening fails; logout frees one', async () => {
    const { key } = await issueLicense(api, 'studio', { max_sessions: 2 });
    const a = await open(key, 'ann');
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({ username: 'ann', kind: 'interactive', pool: 'shared' });
    await open(key, 'bob');
    const c = await open(key, 'cyd');
    expect(c.status).toBe(422);
    expect(c.body).toMatchObject({ error: { code: 'SEATS_EXHAUSTED' } });
    const out = await api.request('DELETE', `/api/v1/sessions/${a.body.session_id as string}`, {
      headers: { authorization: `License ${key}` },
    });
    expect(out.body).toEqual({ session_id: a.body.session_id, closed: true });
    expect((await open(key, 'cyd')).status).toBe(201);
  });

  it('S2: activity renews an interactive session; 20 idle minutes release it', async () => {
    const { key } = await issueLicense(api, 'studio', { max_sessions: 1 });
    const s = await open(key, 'ann');
    await api.advance(15 * 60);
    expect((await activity(key, s.body.session_id)).status).toBe(200);
    await api.advance(15 * 60);
    expect((await open(key, 'bob')).status).toBe(422);
    await api.advance(5 * 60);
    expect((await open(key, 'bob')).status).toBe(201);
    expect((await activity(key, s.body.session_id)).body).toMatchObject({
      error: { code: 'SESSION_EXPIRED' },
    });
  });

  it('S3: a service session lasts one hour at most, even while active', async () => {
    const { key } = await issueLicense(api, 'studio', { max_sessions: 1 });
    const s = await open(key, 'backend', 'service');
    for (let i = 0; i < 5; i++) {
      await api.advance(10 * 60);
      expect((await activity(key, s.body.session_id)).status).toBe(200);
    }
    await api.advance(10 * 60);
    expect((await activity(key, s.body.session_id)).body).toMatchObject({
      error: { code: 'SESSION_EXPIRED' },
    });
  });

  it('S4: a reserved account logs in when the shared slots are full', async () => {
    const { key, licenseId } = await issueLicense(api, 'studio', { max_sessions: 3 });
    const set = await api.admin('PUT', `/admin/v1/licenses/${licenseId}/reserved-accounts`, {
      usernames: ['root'],
    });
    expect(set.status).toBe(200);
    await open(key, 'ann');
    await open(key, 'bob');
    expect((await open(key, 'cyd')).status).toBe(422);
    const root = await open(key, 'root');
    expect(root.status).toBe(201);
    expect(root.body.pool).toBe('reserved');
  });

  it('S5: a session is not shareable, and an admin can end it at once', async () => {
    const { key, licenseId } = await issueLicense(api, 'studio', { max_sessions: 1 });
    const s = await open(key, 'ann');
    const shared = await activity(key, s.body.session_id, { username: 'bob' });
    expect(shared.body).toMatchObject({ error: { code: 'SESSION_NOT_SHAREABLE' } });
    const ended = await api.admin(
      'DELETE',
      `/admin/v1/licenses/${licenseId}/sessions/${s.body.session_id as string}`,
    );
    expect(ended.body).toMatchObject({ recorded: ['SessionClosed.v1'] });
    expect((await open(key, 'bob')).status).toBe(201);
  });

  it('S6: a backend service session serving many external users takes one slot', async () => {
    const { key } = await issueLicense(api, 'studio', { max_sessions: 1 });
    const s = await open(key, 'backend-system', 'service');
    for (let i = 0; i < 20; i++) {
      expect(
        (await activity(key, s.body.session_id, { on_behalf_of: `customer-${i}` })).status,
      ).toBe(200);
    }
    expect((await open(key, 'ann')).status).toBe(422);
  });
});
