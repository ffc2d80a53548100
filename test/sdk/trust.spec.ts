import { rotateKeys } from '@lic/signing';
import { LicenseError, SdkCodes } from '@lic/sdk';
import { FlakyFetch } from './support/flaky-fetch';
import { DAY, startWorld, type SdkWorld } from './support/sdk-server';

const JWKS = '/.well-known/jwks.json';

describe('every signed answer is verified against the server’s JWKS (O1)', () => {
  let world: SdkWorld;
  beforeAll(async () => {
    world = await startWorld();
  });
  afterAll(() => world.close());

  it('O1: a token issued to another machine (machineFingerprint) is refused, never stored', async () => {
    const { key } = await world.license('studio');
    const other = await world.api.client(key, '/api/v1/activate', { fingerprint: 'other-machine' });
    const net = new FlakyFetch().rewriteNext('/api/v1/activate', (body) => ({
      ...body,
      token: other.body.token,
    }));
    const client = world.client(key, { fetch: net.fetch });
    const refused = await client.checkLicense().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(LicenseError);
    expect(refused).toMatchObject({ code: SdkCodes.UNTRUSTED_RESPONSE });
    expect((refused as Error).message).toMatch(/machineFingerprint/);
    net.offline = true;
    expect((await client.checkLicense()).code).toBe(SdkCodes.NO_CACHED_TOKEN);
  });

  it('O4: a validation answer whose signed status was altered on the way is refused', async () => {
    const { key, licenseId } = await world.license('studio');
    const net = new FlakyFetch();
    const client = world.client(key, { fetch: net.fetch });
    expect((await client.checkLicense()).allowed).toBe(true);
    await world.api.admin('POST', `/admin/v1/licenses/${licenseId}/threat`, { detail: 'test' });
    await world.api.advance(3600);
    // The license is degraded now: a man in the middle dresses the answer up as active.
    net.rewriteNext('/api/v1/validate', (body) => ({
      ...body,
      status: 'active',
      offline_days: 30,
    }));
    await expect(client.checkLicense()).rejects.toMatchObject({
      code: SdkCodes.UNTRUSTED_RESPONSE,
    });
    // Unaltered, the signed answer is believed: degraded, one day offline.
    const honest = await client.checkLicense();
    expect(honest).toMatchObject({ allowed: true, status: 'degraded' });
  });

  it('O1: a token of another license (sub) is refused', async () => {
    const mine = await world.license('studio');
    const theirs = await world.license('studio');
    const foreign = await world.api.client(theirs.key, '/api/v1/activate', { fingerprint: 'ws-1' });
    const net = new FlakyFetch().rewriteNext('/api/v1/activate', (body) => ({
      ...body,
      token: foreign.body.token,
    }));
    await expect(world.client(mine.key, { fetch: net.fetch }).checkLicense()).rejects.toMatchObject(
      { code: SdkCodes.UNTRUSTED_RESPONSE },
    );
  });

  it('O1: a token with a forged signature is refused', async () => {
    const { key } = await world.license('studio');
    const net = new FlakyFetch().rewriteNext('/api/v1/activate', (body) => {
      const [header, payload, signature] = String(body.token).split('.');
      const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as object;
      const longer = { ...claims, exp: 4_102_444_800 };
      const forged = Buffer.from(JSON.stringify(longer)).toString('base64url');
      return { ...body, token: `${header}.${forged}.${signature}` };
    });
    await expect(world.client(key, { fetch: net.fetch }).checkLicense()).rejects.toMatchObject({
      code: SdkCodes.UNTRUSTED_RESPONSE,
      details: { reason: 'bad-signature' },
    });
  });

  it('O1: the JWKS is fetched once, refetched for an unknown kid after a key rotation — once per kid, rate-limited', async () => {
    const { key } = await world.license('studio');
    const net = new FlakyFetch();
    const client = world.client(key, { fetch: net.fetch });
    await client.checkLicense();
    await client.checkLicense();
    expect(net.requests(JWKS)).toHaveLength(1);

    await rotateKeys({ dir: world.api.config.SIGNING_KEYS_DIR, now: world.api.clock.now() });
    await world.api.api.ring.reload();
    await world.advance(23 * DAY);
    // The refreshed token is signed with the new key: one refetch, and it verifies.
    expect(await client.checkLicense()).toMatchObject({ allowed: true, rule: 'O3' });
    expect(net.requests(JWKS)).toHaveLength(2);

    const bogusKid = (body: Record<string, unknown>) => {
      const [, payload, signature] = String(body.token).split('.');
      const header = { alg: 'EdDSA', kid: 'not-a-known-kid', typ: 'machine+jwt' };
      const forged = Buffer.from(JSON.stringify(header)).toString('base64url');
      return { ...body, token: `${forged}.${payload}.${signature}` };
    };
    // Right after a fetch: no refetch at all (rate limit).
    net.rewriteNext('/api/v1/validate', bogusKid);
    await expect(client.checkLicense()).rejects.toMatchObject({
      code: SdkCodes.UNTRUSTED_RESPONSE,
    });
    expect(net.requests(JWKS)).toHaveLength(2);
    // Later: one refetch for that kid...
    await world.advance(60);
    net.rewriteNext('/api/v1/validate', bogusKid);
    await expect(client.checkLicense()).rejects.toMatchObject({
      code: SdkCodes.UNTRUSTED_RESPONSE,
    });
    expect(net.requests(JWKS)).toHaveLength(3);
    // ...and never another for the same kid.
    await world.advance(60);
    net.rewriteNext('/api/v1/validate', bogusKid);
    await expect(client.checkLicense()).rejects.toMatchObject({
      code: SdkCodes.UNTRUSTED_RESPONSE,
    });
    expect(net.requests(JWKS)).toHaveLength(3);
    expect(client.jwksFetches).toBe(3);
  });
});
