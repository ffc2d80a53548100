import type { JwksDocument } from '../jws/verification-keys';
import { readdir } from 'node:fs/promises';
import { signEnvelope, verifyEnvelope } from '../tokens/envelope';
import { signMachineToken, verifyMachineToken } from '../tokens/machine-token';
import type { MachineTokenClaims } from '../tokens/machine-token';
import { tempDirs } from '../testing/temp-dir';
import { openKeyRing, rotateKeys } from './open-key-ring';

const T0 = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;
const newDir = tempDirs();

const claims: MachineTokenClaims = {
  issuer: 'http://127.0.0.1:3000',
  licenseId: 'lic-1',
  activationId: 'act-1',
  fingerprint: 'fp-1',
  tokenId: 'tok-1',
  issuedAt: T0,
  expiresAt: T0 + 30 * DAY,
  status: 'active',
  offlineDays: 30,
};

describe('rotateKeys', () => {
  it('O1: the new key signs after reload; the old one stays published and keeps verifying', async () => {
    const dir = await newDir();
    const ring = await openKeyRing({ dir, now: T0 });
    const oldKid = ring.current.kid;
    const oldToken = await signMachineToken(ring, claims);

    const { kid: newKid } = await rotateKeys({ dir, now: T0 + DAY });
    expect(newKid).not.toBe(oldKid);
    expect(ring.current.kid).toBe(oldKid); // nothing changes under a running ring until reload
    await ring.reload();

    expect(ring.current.kid).toBe(newKid);
    expect(ring.jwks().keys.map((k) => k.kid)).toEqual([newKid, oldKid]);
    const jwks = JSON.parse(JSON.stringify(ring.jwks())) as JwksDocument;
    for (const keys of [ring, jwks]) {
      await expect(verifyMachineToken(keys, oldToken, T0)).resolves.toMatchObject({
        kind: 'valid',
        kid: oldKid,
      });
    }
    const newToken = await signMachineToken(ring, claims);
    await expect(verifyMachineToken(jwks, newToken, T0)).resolves.toMatchObject({ kid: newKid });
    expect((await readdir(dir)).filter((n) => n.endsWith('.jwk.json'))).toHaveLength(2);
  });

  it('F6: a retired key re-signs a replay byte for byte', async () => {
    const dir = await newDir();
    const ring = await openKeyRing({ dir, now: T0 });
    const oldKid = ring.current.kid;
    const payload = { lease_token: 'llt_1', lease_expires_at: '2026-01-01T00:15:00.000Z' };
    const original = await signEnvelope(ring, payload);
    const originalToken = await signMachineToken(ring, claims);

    await rotateKeys({ dir, now: T0 + DAY });
    await ring.reload();

    expect(await signEnvelope(ring, payload)).not.toBe(original);
    expect(await signEnvelope(ring, payload, { kid: oldKid })).toBe(original);
    expect(await signMachineToken(ring, claims, { kid: oldKid })).toBe(originalToken);
    await expect(verifyEnvelope(ring, original)).resolves.toMatchObject({ kind: 'valid' });
  });

  it('signing with a kid the ring does not hold is an error, not a silent fallback', async () => {
    const ring = await openKeyRing({ dir: await newDir(), now: T0 });
    await expect(signEnvelope(ring, { a: 1 }, { kid: 'no-such-kid' })).rejects.toThrow(
      /no-such-kid/,
    );
  });

  it('a ring started elsewhere picks up a rotation on reload (reopen sees the same)', async () => {
    const dir = await newDir();
    const a = await openKeyRing({ dir, now: T0 });
    const b = await openKeyRing({ dir, now: T0 });
    const first = a.current.kid;
    const { kid: second } = await rotateKeys({ dir, now: T0 + DAY });
    const { kid: third } = await rotateKeys({ dir, now: T0 + 2 * DAY });
    await Promise.all([a.reload(), b.reload()]);
    const reopened = await openKeyRing({ dir, now: T0 + 3 * DAY });
    for (const ring of [a, b, reopened]) {
      expect(ring.toJSON()).toEqual({ current: third, kids: [third, second, first] });
    }
  });
});
