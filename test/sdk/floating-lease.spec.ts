import { LicenseError, SdkCodes, type Lease } from '@lic/sdk';
import { FlakyFetch } from './support/flaky-fetch';
import { startWorld, type SdkWorld } from './support/sdk-server';

const MINUTE = 60;
const CHECKOUT = '/api/v1/license/floating/checkout';
const HEARTBEAT = '/api/v1/license/floating/heartbeat';
const CHECKIN = '/api/v1/license/floating/checkin';

/** Counts a lease's events as they come. */
const watch = (lease: Lease) => {
  const seen = { heartbeats: 0, retries: 0, lost: [] as string[] };
  lease.on('heartbeat', () => seen.heartbeats++);
  lease.on('retry', () => seen.retries++);
  lease.on('lost', ({ reason }) => seen.lost.push(reason));
  return seen;
};

describe('floating leases through the SDK (seed 001)', () => {
  let world: SdkWorld;
  beforeAll(async () => {
    world = await startWorld();
  });
  afterAll(() => world.close());

  /** A direct checkout of another node, to probe whether a seat is free. */
  const probe = (key: string, node: string) =>
    world.api.client(key, CHECKOUT, { fingerprint: node }, { 'idempotency-key': `probe-${node}` });

  it('F1, F3: checkout gives a verified lease; release() checks it in and frees the seat at once', async () => {
    const { key, licenseId } = await world.license('render-farm', { max_floating_users: 1 });
    const client = world.client(key, { fingerprint: 'node-1' });
    const lease = await client.checkout();
    expect(lease).toMatchObject({ licenseId, fingerprint: 'node-1', state: 'active' });
    expect(lease.leaseToken).toMatch(/^llt_/);
    expect(lease.timeoutMs).toBe(15 * 60_000);
    expect((await probe(key, 'other')).body).toMatchObject({ error: { code: 'SEATS_EXHAUSTED' } });
    await lease.release();
    expect(lease.state).toBe('released');
    expect((await probe(key, 'other-2')).status).toBe(200);
  });

  it('seed 001: the heartbeat is scheduled at a third of the remaining time, never close to lease_expires_at', async () => {
    const { key } = await world.license('render-farm', { max_floating_users: 1 });
    const lease = await world.client(key).checkout();
    const seen = watch(lease);
    const start = world.api.clock.now();
    const ms = (iso: string | null) => Date.parse(iso ?? '');
    expect(lease.expiresAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/); // ISO-8601, as the server
    const ttl = ms(lease.expiresAt) - ms(lease.checkedOutAt);
    expect(ms(lease.nextHeartbeatAt) - start).toBeGreaterThan(ttl / 3 - 1000);
    expect(ms(lease.nextHeartbeatAt) - start).toBeLessThanOrEqual(ttl / 3);
    expect(ms(lease.expiresAt) - ms(lease.nextHeartbeatAt)).toBeGreaterThanOrEqual(
      (2 * ttl) / 3 - 1000,
    );

    await world.advance(4 * MINUTE);
    expect(seen.heartbeats).toBe(0);
    await world.advance(1 * MINUTE + 1);
    expect(seen.heartbeats).toBe(1);
    const now = world.api.clock.now();
    expect(ms(lease.expiresAt) - now).toBeGreaterThan(14.9 * 60_000);
    expect(ms(lease.nextHeartbeatAt) - now).toBeGreaterThan(4.9 * 60_000);
    await lease.release();
  });

  it('F2: the lease heartbeats itself and stays alive across a 20-minute advance in steps', async () => {
    const { key, licenseId } = await world.license('render-farm', { max_floating_users: 1 });
    const lease = await world.client(key, { fingerprint: 'node-1' }).checkout();
    const seen = watch(lease);
    for (let t = 0; t < 20; t += 2) await world.advance(2 * MINUTE);
    expect(lease.state).toBe('active');
    expect(seen.heartbeats).toBeGreaterThanOrEqual(3);
    expect(seen.lost).toEqual([]);
    expect(Date.parse(lease.expiresAt)).toBeGreaterThan(world.api.clock.now() + 5 * 60_000);
    expect((await probe(key, 'other')).body).toMatchObject({ error: { code: 'SEATS_EXHAUSTED' } });
    expect(await world.eventsOf(licenseId, 'LeaseHeartbeat.v1')).toHaveLength(seen.heartbeats);
    expect(await world.eventsOf(licenseId, 'LeaseExpired.v1')).toHaveLength(0);
    await lease.release();
  });

  it('F2: a missed heartbeat (brief network loss) is retried with back-off while the lease is valid', async () => {
    const { key } = await world.license('render-farm', { max_floating_users: 1 });
    const net = new FlakyFetch();
    const lease = await world.client(key, { fetch: net.fetch }).checkout();
    const seen = watch(lease);
    net.failNext(HEARTBEAT, 2);
    const healed = new Promise((resolve) => lease.once('heartbeat', resolve));
    await world.advance(5 * MINUTE);
    await healed;
    expect(seen).toMatchObject({ retries: 2, heartbeats: 1, lost: [] });
    const attempts = net.requests(HEARTBEAT).map((r) => r.outcome);
    expect(attempts).toEqual(['failed', 'failed', 'passed']);
    expect(lease.state).toBe('active');
    await lease.release();
  });

  it('F5: a lease whose heartbeats fail past the timeout is reported lost (LEASE_EXPIRED), and its seat is free', async () => {
    const { key } = await world.license('render-farm', { max_floating_users: 1 });
    const net = new FlakyFetch();
    const lease = await world.client(key, { fetch: net.fetch }).checkout();
    const seen = watch(lease);
    net.failAlways(HEARTBEAT);
    for (let t = 0; t < 14; t++) await world.advance(MINUTE);
    expect(lease.state).toBe('active');
    expect(seen.retries).toBeGreaterThan(3);
    for (let t = 14; t < 16 && lease.state === 'active'; t++) await world.advance(MINUTE);
    expect(lease.state).toBe('lost');
    expect(seen.lost).toEqual(['LEASE_EXPIRED']);
    expect(lease.lost?.error).toBeInstanceOf(LicenseError);
    expect(lease.nextHeartbeatAt).toBeNull();
    expect((await probe(key, 'other')).status).toBe(200);
    await lease.release(); // nothing to give back: resolves
  });

  it('O4: a revoked license’s lease is reported lost with LICENSE_REVOKED at its next heartbeat', async () => {
    const { key, licenseId } = await world.license('render-farm', { max_floating_users: 2 });
    const lease = await world.client(key).checkout();
    const lost = new Promise((resolve) => lease.onLost(resolve));
    await world.api.admin('POST', `/admin/v1/licenses/${licenseId}/revoke`, { reason: 'fraud' });
    await world.advance(5 * MINUTE);
    expect(await lost).toMatchObject({ reason: 'LICENSE_REVOKED' });
    expect(lease.state).toBe('lost');
  });

  it('F6: a checkout retried after its answer was dropped reuses the Idempotency-Key and takes one seat', async () => {
    const { key, licenseId } = await world.license('render-farm', { max_floating_users: 2 });
    const net = new FlakyFetch().dropNextAnswer(CHECKOUT);
    const lease = await world.client(key, { fetch: net.fetch }).checkout();
    const [dropped, retried] = net.requests(CHECKOUT);
    expect(dropped).toMatchObject({ outcome: 'dropped', status: 200 });
    expect(retried).toMatchObject({ outcome: 'passed', status: 200, text: dropped!.text });
    expect(retried!.headers['idempotency-key']).toBe(dropped!.headers['idempotency-key']);
    expect(JSON.parse(dropped!.text!)).toMatchObject({ lease_token: lease.leaseToken });
    expect(await world.eventsOf(licenseId, 'LeaseCheckedOut.v2')).toHaveLength(1);
    // One seat of two taken: one more fits, a third does not.
    expect((await probe(key, 'b')).status).toBe(200);
    expect((await probe(key, 'c')).status).toBe(422);
    // A new logical checkout gets a new key.
    const net2 = new FlakyFetch();
    await world
      .client(key, { fetch: net2.fetch })
      .checkout()
      .catch(() => undefined);
    expect(net2.requests(CHECKOUT)[0]!.headers['idempotency-key']).not.toBe(
      dropped!.headers['idempotency-key'],
    );
    await lease.release();
  });

  it('F6: a checkin retried after its answer was dropped checks in once', async () => {
    const { key, licenseId } = await world.license('render-farm', { max_floating_users: 1 });
    const net = new FlakyFetch();
    const lease = await world.client(key, { fetch: net.fetch }).checkout();
    net.dropNextAnswer(CHECKIN);
    await lease.release();
    const [dropped, retried] = net.requests(CHECKIN);
    expect(dropped?.outcome).toBe('dropped');
    expect(retried?.headers['idempotency-key']).toBe(dropped?.headers['idempotency-key']);
    expect(retried?.text).toBe(dropped?.text);
    expect(await world.eventsOf(licenseId, 'LeaseCheckedIn.v1')).toHaveLength(1);
    expect(lease.state).toBe('released');
  });

  it('seed 001: a checkout answer that differs from its signed envelope is refused', async () => {
    const { key } = await world.license('render-farm', { max_floating_users: 3 });
    const net = new FlakyFetch().rewriteNext(CHECKOUT, (body) => ({
      ...body,
      lease_expires_at: '2099-01-01T00:00:00.000Z',
    }));
    await expect(world.client(key, { fetch: net.fetch }).checkout()).rejects.toMatchObject({
      code: SdkCodes.UNTRUSTED_RESPONSE,
    });
  });

  it('seed 001: a tampered envelope (checkout or checkin) is refused', async () => {
    const { key } = await world.license('render-farm', { max_floating_users: 3 });
    const tamper = (body: Record<string, unknown>) => {
      const [header, payload, signature] = String(body.envelope).split('.');
      const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as object;
      const edited = { ...claims, lease_expires_at: '2099-01-01T00:00:00.000Z' };
      const forged = Buffer.from(JSON.stringify(edited)).toString('base64url');
      return { ...edited, envelope: `${header}.${forged}.${signature}` };
    };
    const net = new FlakyFetch().rewriteNext(CHECKOUT, tamper);
    const client = world.client(key, { fetch: net.fetch });
    await expect(client.checkout()).rejects.toMatchObject({
      code: SdkCodes.UNTRUSTED_RESPONSE,
      details: { reason: 'bad-signature' },
    });
    const lease = await client.checkout();
    net.rewriteNext(CHECKIN, (body) => ({ ...body, envelope: `${String(body.envelope)}x` }));
    await expect(lease.release()).rejects.toMatchObject({ code: SdkCodes.UNTRUSTED_RESPONSE });
  });

  it('F4: with no free seat checkout throws SEATS_EXHAUSTED; waitForSeat waits with back-off until one frees', async () => {
    const { key } = await world.license('render-farm', { max_floating_users: 1 });
    const holder = await world.client(key, { fingerprint: 'holder' }).checkout();
    const waiter = world.client(key, { fingerprint: 'waiter' });
    await expect(waiter.checkout()).rejects.toMatchObject({
      code: 'SEATS_EXHAUSTED',
      status: 422,
      details: { seats: { inUse: 1, limit: 1 } },
    });
    const waits: number[] = [];
    const pending = waiter.checkout({
      waitForSeat: { baseMs: 100, maxMs: 200, onWait: (w) => waits.push(w.delayMs) },
    });
    await new Promise((r) => setTimeout(r, 400));
    await holder.release();
    const lease = await pending;
    expect(lease.state).toBe('active');
    expect(waits.length).toBeGreaterThanOrEqual(2);
    await expect(
      world
        .client(key, { fingerprint: 'third' })
        .checkout({ waitForSeat: { maxWaitMs: 300, baseMs: 100, maxMs: 100 } }),
    ).rejects.toMatchObject({ code: 'SEATS_EXHAUSTED' });
    await lease.release();
  });
});
