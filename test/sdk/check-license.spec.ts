import { hostname } from 'node:os';
import { SdkCodes } from '@lic/sdk';
import { FlakyFetch } from './support/flaky-fetch';
import { DAY, startWorld, type SdkWorld } from './support/sdk-server';

const HOUR = 3_600;

describe('checkLicense() against the real command API (seed 002)', () => {
  let world: SdkWorld;
  beforeAll(async () => {
    world = await startWorld();
  });
  afterAll(() => world.close());

  const admin = (licenseId: string, action: string, body: Record<string, unknown>) =>
    world.api.admin('POST', `/admin/v1/licenses/${licenseId}/${action}`, body);

  it('M1: the first check activates; later checks validate the same activation online (O4)', async () => {
    const { key, licenseId } = await world.license('studio');
    const net = new FlakyFetch();
    const client = world.client(key, { fetch: net.fetch });
    const first = await client.checkLicense();
    expect(first).toMatchObject({
      allowed: true,
      status: 'active',
      decidedBy: 'online',
      rule: 'M1',
      licenseId,
      code: null,
    });
    const second = await client.checkLicense();
    expect(second).toMatchObject({
      allowed: true,
      decidedBy: 'online',
      rule: 'O4',
      refreshed: false,
    });
    expect(second.activationId).toBe(first.activationId);
    // The SDK names the machine (its host name): the activation is recorded with it.
    const activated = await world.eventsOf(licenseId, 'MachineActivated.v2');
    expect(activated.map((e) => e['hostname'])).toEqual([hostname()]);
    expect(net.requests('/api/v1/validate')).toHaveLength(1);
  });

  it('O3: from day 23 the check stores a refreshed 30-day token, transparently', async () => {
    const { key } = await world.license('studio');
    const client = world.client(key);
    const first = await client.checkLicense();
    await world.advance(22 * DAY);
    expect(await client.checkLicense()).toMatchObject({ refreshed: false, rule: 'O4' });
    await world.advance(1 * DAY);
    const refreshed = await client.checkLicense();
    expect(refreshed).toMatchObject({ allowed: true, refreshed: true, rule: 'O3' });
    const ms = (iso: string | null) => Date.parse(iso ?? '');
    expect(ms(refreshed.expiresAt) - world.api.clock.now()).toBeGreaterThan(29.9 * DAY * 1000);
    expect(ms(refreshed.expiresAt)).toBeGreaterThan(ms(first.expiresAt));
    // The stored token is the new one: a later check is a plain validation of it.
    expect(await client.checkLicense()).toMatchObject({
      refreshed: false,
      expiresAt: refreshed.expiresAt,
    });
  });

  it('O3: an expired token re-activates on the next check', async () => {
    const { key, licenseId } = await world.license('studio');
    const client = world.client(key);
    await client.checkLicense();
    await world.advance(31 * DAY);
    const again = await client.checkLicense();
    expect(again).toMatchObject({
      allowed: true,
      decidedBy: 'online',
      rule: 'O3',
      refreshed: true,
    });
    expect(await world.eventsOf(licenseId, 'MachineActivated.v2')).toHaveLength(2);
  });

  it('O4: a revocation is seen at once online, although the cached token has not expired', async () => {
    const { key, licenseId } = await world.license('studio');
    const client = world.client(key);
    const before = await client.checkLicense();
    expect(before.allowed).toBe(true);
    await admin(licenseId, 'revoke', { reason: 'chargeback' });
    const after = await client.checkLicense();
    expect(after).toMatchObject({
      allowed: false,
      status: 'revoked',
      decidedBy: 'online',
      rule: 'O4',
      code: 'LICENSE_REVOKED',
    });
    expect(after.expiresAt).toBe(before.expiresAt);
    expect(after.error).toMatchObject({ code: 'LICENSE_REVOKED', status: 422 });
  });

  describe('O2: offline, the cached token holds for the status’s allowance', () => {
    it('O2: active — 30 days without the server, then refused', async () => {
      const { key } = await world.license('studio');
      const net = new FlakyFetch();
      const client = world.client(key, { fetch: net.fetch });
      await client.checkLicense();
      net.offline = true;
      await world.advance(29 * DAY);
      const offline = await client.checkLicense();
      expect(offline).toMatchObject({
        allowed: true,
        status: 'active',
        decidedBy: 'offline-allowance',
        rule: 'O2',
      });
      expect(offline.error).toMatchObject({ code: SdkCodes.NETWORK_ERROR });
      await world.advance(1 * DAY + 60);
      expect(await client.checkLicense()).toMatchObject({
        allowed: false,
        decidedBy: 'offline-allowance',
        rule: 'O2',
      });
    });

    it('O2: degraded — 1 day', async () => {
      const { key, licenseId } = await world.license('studio');
      await admin(licenseId, 'threat', { detail: 'shared key suspected' });
      const net = new FlakyFetch();
      const client = world.client(key, { fetch: net.fetch });
      expect(await client.checkLicense()).toMatchObject({ allowed: true, status: 'degraded' });
      net.offline = true;
      await world.advance(23 * HOUR);
      expect(await client.checkLicense()).toMatchObject({
        allowed: true,
        status: 'degraded',
        decidedBy: 'offline-allowance',
      });
      await world.advance(2 * HOUR);
      expect(await client.checkLicense()).toMatchObject({ allowed: false, rule: 'O2' });
    });

    it('O2: suspended — refused online (O4), then 3 days offline counted from when it was learned', async () => {
      const { key, licenseId } = await world.license('studio');
      const net = new FlakyFetch();
      const client = world.client(key, { fetch: net.fetch });
      await client.checkLicense();
      await admin(licenseId, 'suspend', { reason: 'unpaid' });
      const learned = world.api.clock.now();
      const online = await client.checkLicense();
      expect(online).toMatchObject({
        allowed: false,
        status: 'suspended',
        rule: 'O4',
        code: 'LICENSE_SUSPENDED',
      });
      expect(Date.parse(online.offlineUntil ?? '')).toBeGreaterThanOrEqual(
        learned + 3 * DAY * 1000,
      );
      // Asking again a day later (still suspended) does not extend the grace.
      await world.advance(1 * DAY);
      expect(await client.checkLicense()).toMatchObject({
        allowed: false,
        code: 'LICENSE_SUSPENDED',
      });
      net.offline = true;
      await world.advance(1 * DAY + 12 * HOUR);
      expect(await client.checkLicense()).toMatchObject({
        allowed: true,
        status: 'suspended',
        decidedBy: 'offline-allowance',
        rule: 'O2',
      });
      await world.advance(12 * HOUR + 60);
      expect(await client.checkLicense()).toMatchObject({
        allowed: false,
        status: 'suspended',
        decidedBy: 'offline-allowance',
        code: SdkCodes.OFFLINE_ALLOWANCE_EXCEEDED,
      });
    });

    it('O2: revoked — 0 days: once learned, refused offline at once', async () => {
      const { key, licenseId } = await world.license('studio');
      const net = new FlakyFetch();
      const client = world.client(key, { fetch: net.fetch });
      await client.checkLicense();
      await admin(licenseId, 'revoke', { reason: 'fraud' });
      expect((await client.checkLicense()).code).toBe('LICENSE_REVOKED');
      net.offline = true;
      expect(await client.checkLicense()).toMatchObject({
        allowed: false,
        status: 'revoked',
        decidedBy: 'offline-allowance',
        code: 'LICENSE_REVOKED',
      });
    });

    it('O2: a request that times out counts as offline', async () => {
      const { key } = await world.license('studio');
      const net = new FlakyFetch();
      const client = world.client(key, { fetch: net.fetch, requestTimeoutMs: 200 });
      await client.checkLicense();
      net.hangNext('/api/v1/validate');
      const check = await client.checkLicense();
      expect(check).toMatchObject({ allowed: true, decidedBy: 'offline-allowance', rule: 'O2' });
      expect(check.error).toMatchObject({ code: SdkCodes.TIMEOUT });
    });

    it('O2: offline with no token ever obtained is refused with NO_CACHED_TOKEN', async () => {
      const { key } = await world.license('studio');
      const net = new FlakyFetch();
      net.offline = true;
      expect(await world.client(key, { fetch: net.fetch }).checkLicense()).toMatchObject({
        allowed: false,
        decidedBy: 'offline-allowance',
        code: SdkCodes.NO_CACHED_TOKEN,
      });
    });
  });

  it('M2: with every slot taken, the check is refused online with SEATS_EXHAUSTED', async () => {
    const { key } = await world.license('indie');
    await world.client(key, { fingerprint: 'a' }).checkLicense();
    await world.client(key, { fingerprint: 'b' }).checkLicense();
    const third = await world.client(key, { fingerprint: 'c' }).checkLicense();
    expect(third).toMatchObject({ allowed: false, rule: 'M2', code: 'SEATS_EXHAUSTED' });
    expect(third.error?.status).toBe(422);
  });
});
