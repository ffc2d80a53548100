import { generateKeyPairSync, webcrypto } from 'node:crypto';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { calculateJwkThumbprint } from 'jose';
import { tempDirs } from '../testing/temp-dir';
import { openKeyRing } from './open-key-ring';

const T0 = Date.UTC(2026, 0, 1);
const newDir = tempDirs();

const keyFiles = async (dir: string): Promise<string[]> =>
  (await readdir(dir)).filter((n) => n.endsWith('.jwk.json'));

const privateD = async (dir: string, kid: string): Promise<string> =>
  (JSON.parse(await readFile(join(dir, `${kid}.jwk.json`), 'utf8')) as { d: string }).d;

const ed25519Pem = (): string =>
  generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();

describe('KeyRing on disk', () => {
  it('O1: first start on a missing directory generates one Ed25519 key, kid = RFC 7638 thumbprint', async () => {
    const dir = join(await newDir(), 'nested', 'keys');
    const ring = await openKeyRing({ dir, now: T0 });

    expect(await keyFiles(dir)).toEqual([`${ring.current.kid}.jwk.json`]);
    const [jwk] = ring.jwks().keys;
    expect(jwk).toEqual({
      kty: 'OKP',
      crv: 'Ed25519',
      x: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      kid: ring.current.kid,
      alg: 'EdDSA',
      use: 'sig',
    });
    expect(await calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x: jwk!.x })).toBe(
      ring.current.kid,
    );
    expect(ring.current.createdAt).toBe(T0);
  });

  it('the private key file is mode 0600 and the directory 0700', async () => {
    const dir = join(await newDir(), 'keys');
    const ring = await openKeyRing({ dir, now: T0 });
    expect((await stat(join(dir, `${ring.current.kid}.jwk.json`))).mode & 0o777).toBe(0o600);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
  });

  it('a restart reloads the same key from disk and generates nothing', async () => {
    const dir = await newDir();
    const first = await openKeyRing({ dir, now: T0 });
    const second = await openKeyRing({ dir, now: T0 + 1000 });
    expect(second.current.kid).toBe(first.current.kid);
    expect(second.current.createdAt).toBe(T0);
    expect(await keyFiles(dir)).toHaveLength(1);

    const data = new TextEncoder().encode('signed before the restart');
    const signature = await webcrypto.subtle.sign('Ed25519', first.current.privateKey, data);
    await expect(
      webcrypto.subtle.verify('Ed25519', second.current.publicKey, signature, data),
    ).resolves.toBe(true);
  });

  it('private keys appear neither in JSON.stringify(ring), util.inspect(ring) nor jwks()', async () => {
    const dir = await newDir();
    const ring = await openKeyRing({ dir, now: T0 });
    const d = await privateD(dir, ring.current.kid);

    for (const text of [
      JSON.stringify(ring),
      inspect(ring, { depth: 10, showHidden: true }),
      JSON.stringify(ring.jwks()),
      JSON.stringify(ring.current),
      inspect(ring.current, { depth: 10, showHidden: true }),
    ]) {
      expect(text).not.toContain(d);
      expect(text).not.toMatch(/"d"\s*:/);
    }
    expect(JSON.parse(JSON.stringify(ring))).toEqual({
      current: ring.current.kid,
      kids: [ring.current.kid],
    });
  });

  it('the in-memory private key cannot be exported', async () => {
    const ring = await openKeyRing({ dir: await newDir(), now: T0 });
    expect(ring.current.privateKey.extractable).toBe(false);
    await expect(webcrypto.subtle.exportKey('jwk', ring.current.privateKey)).rejects.toThrow();
  });

  it('privateKeyFile: the PEM key signs, and the keys of the directory stay published', async () => {
    const dir = await newDir();
    const generated = await openKeyRing({ dir, now: T0 });
    const pemFile = join(await newDir(), 'signing.pem');
    await writeFile(pemFile, ed25519Pem(), { mode: 0o600 });

    const ring = await openKeyRing({ dir, privateKeyFile: pemFile, now: T0 });

    expect(ring.current.kid).not.toBe(generated.current.kid);
    expect(ring.current.createdAt).toBeNull();
    expect(ring.jwks().keys.map((k) => k.kid)).toEqual([ring.current.kid, generated.current.kid]);
    expect(ring.get(generated.current.kid)).toBeDefined();
    expect(await keyFiles(dir)).toHaveLength(1); // the PEM key is not copied into the directory
  });

  it('privateKeyFile on an empty directory generates no key of its own', async () => {
    const dir = await newDir();
    const pemFile = join(await newDir(), 'signing.pem');
    await writeFile(pemFile, ed25519Pem());
    const ring = await openKeyRing({ dir, privateKeyFile: pemFile, now: T0 });
    expect(ring.jwks().keys.map((k) => k.kid)).toEqual([ring.current.kid]);
    expect(await keyFiles(dir)).toEqual([]);
  });

  it('privateKeyFile holding anything but an Ed25519 key is refused', async () => {
    const pemFile = join(await newDir(), 'ec.pem');
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    await writeFile(pemFile, ec.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
    await expect(
      openKeyRing({ dir: await newDir(), privateKeyFile: pemFile, now: T0 }),
    ).rejects.toThrow();
  });

  it('a damaged key file stops the start, and the error does not quote the key', async () => {
    const dir = await newDir();
    const { current } = await openKeyRing({ dir, now: T0 });
    const path = join(dir, `${current.kid}.jwk.json`);
    const file = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    await writeFile(path, JSON.stringify({ ...file, crv: 'X25519' }));

    const error = await openKeyRing({ dir, now: T0 }).catch((e: unknown) => e);
    expect(String(error)).toMatch(/is not a valid/);
    expect(String(error)).not.toContain(String(file.d));
  });

  it('a key file whose name is not its thumbprint is refused', async () => {
    const dir = await newDir();
    const otherDir = await newDir();
    const { current } = await openKeyRing({ dir, now: T0 });
    const other = await openKeyRing({ dir: otherDir, now: T0 });
    const foreign = await readFile(join(otherDir, `${other.current.kid}.jwk.json`), 'utf8');
    const renamed = { ...(JSON.parse(foreign) as Record<string, unknown>), kid: current.kid };
    await writeFile(join(dir, `${current.kid}.jwk.json`), JSON.stringify(renamed));
    await expect(openKeyRing({ dir, now: T0 })).rejects.toThrow(/thumbprint/);
  });
});
