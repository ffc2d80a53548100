import { eventsOf, issueLicense, startCommandApi, type Running } from './harness';

const CHECKOUT = '/api/v1/license/floating/checkout';

describe('a floating lease that names its machine', () => {
  let api: Running;
  beforeAll(async () => {
    api = await startCommandApi();
  });
  afterAll(() => api.close());

  it('F7: the hostname a checkout or a floating /activate sends is recorded with the lease (LeaseCheckedOut.v2)', async () => {
    const { licenseId, key } = await issueLicense(api, 'render-farm', { max_floating_users: 3 });
    const named = await api.client(
      key,
      CHECKOUT,
      { fingerprint: 'node-1', hostname: 'render-01' },
      { 'idempotency-key': 'named' },
    );
    expect(named.status).toBe(200);
    const plain = await api.client(
      key,
      CHECKOUT,
      { fingerprint: 'node-2' },
      { 'idempotency-key': 'plain' },
    );
    expect(plain.status).toBe(200);
    const activated = await api.client(key, '/api/v1/activate', {
      fingerprint: 'node-3',
      hostname: 'render-03',
    });
    expect(activated.status).toBe(200);
    const leases = eventsOf(await api.events(), licenseId).filter((e) =>
      e.type.startsWith('LeaseCheckedOut'),
    );
    expect(leases.map((e) => [e.type, e.data['via'], e.data['hostname']])).toEqual([
      ['LeaseCheckedOut.v2', 'checkout', 'render-01'],
      ['LeaseCheckedOut.v2', 'checkout', null],
      ['LeaseCheckedOut.v2', 'activation', 'render-03'],
    ]);
  });

  it('F6: the same key with another machine name is another request; with the same name, a replay', async () => {
    const { key } = await issueLicense(api, 'render-farm', { max_floating_users: 3 });
    const body = { fingerprint: 'node-1', hostname: 'render-01' };
    const first = await api.client(key, CHECKOUT, body, { 'idempotency-key': 'k' });
    const replay = await api.client(key, CHECKOUT, body, { 'idempotency-key': 'k' });
    expect(replay.body['lease_token']).toBe(first.body['lease_token']);
    const renamed = await api.client(
      key,
      CHECKOUT,
      { ...body, hostname: 'render-99' },
      { 'idempotency-key': 'k' },
    );
    expect([renamed.status, renamed.body['error']]).toMatchObject([
      409,
      { code: 'IDEMPOTENCY_KEY_REUSED' },
    ]);
  });

  it('F1: a machine name that could not be recorded is a 400 naming it', async () => {
    const { key } = await issueLicense(api, 'render-farm', { max_floating_users: 3 });
    const bad = await api.client(
      key,
      CHECKOUT,
      { fingerprint: 'node-1', hostname: 'x'.repeat(300) },
      { 'idempotency-key': 'bad' },
    );
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('body.hostname');
  });
});
