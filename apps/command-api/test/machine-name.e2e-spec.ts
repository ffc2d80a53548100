import { eventsOf, issueLicense, startCommandApi, type Running } from './harness';

describe('POST /api/v1/activate with a machine name', () => {
  let api: Running;
  beforeAll(async () => {
    api = await startCommandApi();
  });
  afterAll(() => api.close());

  it('M1: the hostname the seed’s activation sends is recorded with the activation (MachineActivated.v2)', async () => {
    const { licenseId, key } = await issueLicense(api, 'studio');
    const named = await api.client(key, '/api/v1/activate', {
      fingerprint: 'fp-0001',
      hostname: 'ws-anna.studio.lan',
      platform: 'linux',
    });
    expect(named.status).toBe(200);
    const plain = await api.client(key, '/api/v1/activate', { fingerprint: 'fp-0002' });
    expect(plain.status).toBe(200);
    const activations = eventsOf(await api.events(), licenseId).filter((e) =>
      e.type.startsWith('MachineActivated'),
    );
    expect(activations.map((e) => [e.type, e.data['hostname']])).toEqual([
      ['MachineActivated.v2', 'ws-anna.studio.lan'],
      ['MachineActivated.v2', null],
    ]);
  });

  it('M1: a hostname that could not be recorded is a 400 naming it, and nothing is appended', async () => {
    const { licenseId, key } = await issueLicense(api, 'studio');
    const before = eventsOf(await api.events(), licenseId).length;
    const bad = await api.client(key, '/api/v1/activate', {
      fingerprint: 'fp-0003',
      hostname: 'x'.repeat(300),
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('body.hostname');
    expect(eventsOf(await api.events(), licenseId)).toHaveLength(before);
  });
});
