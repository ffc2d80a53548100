import { copyFileSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SdkCodes } from '@lic/sdk';
import { FlakyFetch } from './support/flaky-fetch';
import { startWorld, type SdkWorld } from './support/sdk-server';

describe('the token cache file (O8)', () => {
  let world: SdkWorld;
  beforeAll(async () => {
    world = await startWorld();
  });
  afterAll(() => world.close());

  it('O8: the cache is sealed with the fingerprint: no token or key in clear, mode 0600, written atomically', async () => {
    const { key } = await world.license('studio');
    const file = join(world.dir, 'sealed.lic');
    const check = await world.client(key, { cacheFile: file }).checkLicense();
    expect(check.allowed).toBe(true);
    const bytes = readFileSync(file);
    const text = bytes.toString('latin1');
    expect(text.startsWith('LSC1')).toBe(true);
    for (const secret of [key, check.licenseId!, 'eyJ', 'ws-1']) expect(text).not.toContain(secret);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(world.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('O8: the same machine reads its cache back — and runs offline on it', async () => {
    const { key } = await world.license('studio');
    const file = join(world.dir, 'own.lic');
    await world.client(key, { cacheFile: file }).checkLicense();
    const net = new FlakyFetch();
    net.offline = true;
    const restarted = world.client(key, { cacheFile: file, fetch: net.fetch });
    expect(await restarted.checkLicense()).toMatchObject({
      allowed: true,
      decidedBy: 'offline-allowance',
      cacheNotice: null,
    });
    // Offline, nothing but the cache was needed: not even the JWKS was fetched.
    expect(net.requests('/.well-known/jwks.json')).toHaveLength(0);
  });

  it('O8: a cache copied to a machine with another fingerprint is unreadable there; the SDK says so and activates online', async () => {
    const { key, licenseId } = await world.license('studio');
    const original = join(world.dir, 'machine-a.lic');
    await world.client(key, { cacheFile: original, fingerprint: 'machine-a' }).checkLicense();
    const copy = join(world.dir, 'machine-b.lic');
    copyFileSync(original, copy);

    const net = new FlakyFetch();
    net.offline = true;
    const thief = world.client(key, {
      cacheFile: copy,
      fingerprint: 'machine-b',
      fetch: net.fetch,
    });
    expect(await thief.checkLicense()).toMatchObject({
      allowed: false,
      cacheNotice: SdkCodes.CACHE_FROM_ANOTHER_MACHINE,
      code: SdkCodes.NO_CACHED_TOKEN,
    });

    net.offline = false;
    const online = await thief.checkLicense();
    expect(online).toMatchObject({
      allowed: true,
      rule: 'M1',
      cacheNotice: SdkCodes.CACHE_FROM_ANOTHER_MACHINE,
    });
    const activated = await world.eventsOf(licenseId, 'MachineActivated.v2');
    expect(activated.map((e) => e.fingerprint)).toEqual(['machine-a', 'machine-b']);
    // Rewritten for machine-b: now it reads its own cache.
    expect((await thief.checkLicense()).cacheNotice).toBeNull();
  });

  it('O8: an edited cache is detected as corrupt, never used', async () => {
    const { key } = await world.license('studio');
    const file = join(world.dir, 'edited.lic');
    await world.client(key, { cacheFile: file }).checkLicense();
    const bytes = readFileSync(file);
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff;
    writeFileSync(file, bytes);
    const net = new FlakyFetch();
    net.offline = true;
    expect(
      await world.client(key, { cacheFile: file, fetch: net.fetch }).checkLicense(),
    ).toMatchObject({
      allowed: false,
      cacheNotice: SdkCodes.CACHE_CORRUPT,
    });
  });
});
