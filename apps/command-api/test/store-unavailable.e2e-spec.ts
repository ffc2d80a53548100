import { openEsdbEventStore } from '@lic/event-store';
import { startEsdbTestServer, type EsdbTestServer } from '../../../libs/event-store/src/testing';
import { issueLicense, startCommandApi, type Running } from './harness';

const CHECKOUT = '/api/v1/license/floating/checkout';

/**
 * A KurrentDB that stops answering: a command waits at most EVENT_STORE_DEADLINE_MS, then gets
 * 503 with Retry-After and a JSON error; retried with the same Idempotency-Key once the store
 * answers again, it is decided once — never twice, whether or not the first attempt was written.
 */
describe('the command API when the event store does not answer', () => {
  let server: EsdbTestServer;
  let api: Running;
  beforeAll(async () => {
    server = await startEsdbTestServer();
    api = await startCommandApi({
      EVENT_STORE: server.connectionString.replace(/^esdb:/, 'kurrentdb:'),
      EVENT_STORE_DEADLINE_MS: '2500',
    });
  });
  afterAll(async () => {
    server.resume();
    await api.close();
    await server.stop();
  });

  it('F6: answers 503 with Retry-After; the retry with the same Idempotency-Key takes one seat', async () => {
    const { key, licenseId } = await issueLicense(api, 'render-farm', { max_floating_users: 2 });
    server.pause();
    const refused = await api.client(
      key,
      CHECKOUT,
      { fingerprint: 'render-node-1' },
      { 'idempotency-key': 'job-1' },
    );
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(refused.headers.get('content-type')).toMatch(/application\/json/);
    expect(refused.body).toEqual({
      error: {
        code: 'UNAVAILABLE',
        message: 'the event store is unavailable; retry with the same Idempotency-Key',
      },
    });
    expect(refused.text).not.toMatch(/at .*\.ts|stack/);

    server.resume();
    const retried = await api.client(
      key,
      CHECKOUT,
      { fingerprint: 'render-node-1' },
      { 'idempotency-key': 'job-1' },
    );
    expect(retried.status).toBe(200);
    const again = await api.client(
      key,
      CHECKOUT,
      { fingerprint: 'render-node-1' },
      { 'idempotency-key': 'job-1' },
    );
    expect(again.body.lease_token).toBe(retried.body.lease_token);

    const { eventStore } = openEsdbEventStore({ connectionString: server.connectionString });
    const types: string[] = [];
    for await (const e of eventStore.readStream(`license-${licenseId}`)) types.push(e.type);
    await eventStore.close();
    expect(types.filter((t) => t === 'LeaseCheckedOut.v2')).toHaveLength(1);
  });
});
