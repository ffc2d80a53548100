import type { JwksDocument } from '../jws/verification-keys';
import { createPublicKey } from 'node:crypto';
import { CompactSign } from 'jose';
import { openKeyRing } from '../keys/open-key-ring';
import { signCompactJws } from '../jws/compact-jws';
import {
  decodePart,
  forgeHs256,
  forgeRs256,
  forgeUnsigned,
  withHeader,
  withPayload,
} from '../testing/forge';
import { tempDirs } from '../testing/temp-dir';
import { signMachineToken, verifyMachineToken } from './machine-token';
import type { MachineTokenClaims } from './machine-token';

const T0 = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;
const newDir = tempDirs();

const claims: MachineTokenClaims = {
  issuer: 'http://127.0.0.1:3000',
  licenseId: 'lic-1',
  activationId: 'act-1',
  fingerprint: 'render-node-07',
  tokenId: 'tok-1',
  issuedAt: T0,
  expiresAt: T0 + 30 * DAY,
  status: 'active',
  offlineDays: 30,
};

const setUp = async () => {
  const ring = await openKeyRing({ dir: await newDir(), now: T0 });
  const token = await signMachineToken(ring, claims);
  // What a client holds: the JWKS document after a trip through JSON, nothing else.
  const jwks = JSON.parse(JSON.stringify(ring.jwks())) as JwksDocument;
  return { ring, token, jwks, kid: ring.current.kid };
};

describe('machine tokens', () => {
  it('O1, M4: header and claims are exactly the documented ones', async () => {
    const { token, kid } = await setUp();
    expect(token.split('.')[0]).toBe(
      Buffer.from(JSON.stringify({ alg: 'EdDSA', kid, typ: 'machine+jwt' })).toString('base64url'),
    );
    expect(decodePart(token, 1)).toEqual({
      iss: 'http://127.0.0.1:3000',
      sub: 'lic-1',
      aud: 'license-client',
      jti: 'tok-1',
      iat: T0 / 1000,
      exp: (T0 + 30 * DAY) / 1000,
      machineFingerprint: 'render-node-07',
      activationId: 'act-1',
      status: 'active',
      offline_days: 30,
    });
  });

  it('the same claims and key give byte-identical tokens, whatever the property order', async () => {
    const { ring, token } = await setUp();
    const reordered = Object.fromEntries(Object.entries(claims).reverse()) as MachineTokenClaims;
    expect(await signMachineToken(ring, reordered)).toBe(token);
    expect(await signMachineToken(ring, { ...claims, tokenId: 'tok-2' })).not.toBe(token);
  });

  it('O1: verifies with nothing but the JWKS JSON, and with the ring', async () => {
    const { ring, token, jwks, kid } = await setUp();
    for (const keys of [jwks, ring, ring.jwks()]) {
      expect(await verifyMachineToken(keys, token, T0 + DAY)).toEqual({
        kind: 'valid',
        kid,
        claims,
      });
    }
  });

  it('O3: an expired but genuine token is reported as expired, with its claims', async () => {
    const { token, jwks, kid } = await setUp();
    expect(await verifyMachineToken(jwks, token, claims.expiresAt - 1)).toMatchObject({
      kind: 'valid',
    });
    expect(await verifyMachineToken(jwks, token, claims.expiresAt)).toEqual({
      kind: 'expired',
      kid,
      claims,
    });
  });

  it('times travel as whole seconds: milliseconds are dropped, exp never extended', async () => {
    const { ring, jwks } = await setUp();
    const token = await signMachineToken(ring, {
      ...claims,
      issuedAt: T0 + 999,
      expiresAt: T0 + 5999,
    });
    const result = await verifyMachineToken(jwks, token, T0);
    expect(result).toMatchObject({ kind: 'valid', claims: { issuedAt: T0, expiresAt: T0 + 5000 } });
    expect(await verifyMachineToken(jwks, token, T0 + 5000)).toMatchObject({ kind: 'expired' });
  });

  describe('refusals', () => {
    it('alg none', async () => {
      const { token, jwks, kid } = await setUp();
      const forged = forgeUnsigned({ kid, typ: 'machine+jwt' }, decodePart(token, 1));
      expect(await verifyMachineToken(jwks, forged, T0)).toEqual({
        kind: 'invalid',
        reason: 'algorithm-not-allowed',
      });
    });

    it('HS256 keyed with the public key (raw x, the JWKS JSON, or the SPKI PEM)', async () => {
      const { ring, token, jwks, kid } = await setUp();
      const x = ring.current.publicJwk.x;
      const pem = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' })
        .export({ format: 'pem', type: 'spki' })
        .toString();
      for (const secret of [Buffer.from(x, 'base64url'), x, JSON.stringify(jwks), pem]) {
        const forged = forgeHs256({ kid, typ: 'machine+jwt' }, decodePart(token, 1), secret);
        for (const keys of [jwks, ring]) {
          expect(await verifyMachineToken(keys, forged, T0)).toEqual({
            kind: 'invalid',
            reason: 'algorithm-not-allowed',
          });
        }
      }
    });

    it('RS256', async () => {
      const { token, jwks, kid } = await setUp();
      const forged = forgeRs256({ kid, typ: 'machine+jwt' }, decodePart(token, 1));
      expect(await verifyMachineToken(jwks, forged, T0)).toMatchObject({
        reason: 'algorithm-not-allowed',
      });
    });

    it('the fully-specified "Ed25519" alg: only "EdDSA" is accepted, even over a genuine key', async () => {
      const { ring, token, jwks, kid } = await setUp();
      const payload = Buffer.from(token.split('.')[1]!, 'base64url');
      const other = await new CompactSign(payload)
        .setProtectedHeader({ alg: 'Ed25519', kid, typ: 'machine+jwt' })
        .sign(ring.current.privateKey);
      expect(await verifyMachineToken(jwks, other, T0)).toMatchObject({
        reason: 'algorithm-not-allowed',
      });
    });

    it('a tampered payload', async () => {
      const { token, jwks } = await setUp();
      const tampered = withPayload(token, { ...decodePart(token, 1), exp: 4_102_444_800 });
      expect(await verifyMachineToken(jwks, tampered, T0)).toEqual({
        kind: 'invalid',
        reason: 'bad-signature',
      });
    });

    it('an unknown kid, a missing kid, and a kid naming a key that did not sign', async () => {
      const { token, jwks, kid } = await setUp();
      const stranger = await openKeyRing({ dir: await newDir(), now: T0 });
      const header = { alg: 'EdDSA', typ: 'machine+jwt' };
      expect(
        await verifyMachineToken(jwks, withHeader(token, { ...header, kid: 'nope' }), T0),
      ).toEqual({ kind: 'invalid', reason: 'unknown-kid' });
      expect(await verifyMachineToken(jwks, withHeader(token, header), T0)).toEqual({
        kind: 'invalid',
        reason: 'unknown-kid',
      });
      // Signed by another server's key: its kid is unknown here.
      expect(await verifyMachineToken(jwks, await signMachineToken(stranger, claims), T0)).toEqual({
        kind: 'invalid',
        reason: 'unknown-kid',
      });
      // Another key's signature under our kid.
      const strangerToken = await signMachineToken(stranger, claims);
      const [, payload, signature] = strangerToken.split('.');
      const underOurKid = `${token.split('.')[0]}.${payload}.${signature}`;
      await expect(verifyMachineToken(jwks, underOurKid, T0)).resolves.toMatchObject({
        reason: 'bad-signature',
      });
      expect(kid).not.toBe(stranger.current.kid);
    });

    it('a wrong or missing typ', async () => {
      const { token, jwks, kid } = await setUp();
      for (const typ of ['JWT', 'at+jwt', 'license-envelope+jws', undefined]) {
        const header = { alg: 'EdDSA', kid, ...(typ === undefined ? {} : { typ }) };
        expect(await verifyMachineToken(jwks, withHeader(token, header), T0)).toEqual({
          kind: 'invalid',
          reason: 'wrong-typ',
        });
      }
    });

    it('a genuine signature over the wrong audience or malformed claims', async () => {
      const { ring, token, jwks } = await setUp();
      const jwt = decodePart(token, 1);
      const wrongAud = await signCompactJws(ring, 'machine+jwt', { ...jwt, aud: 'x' });
      expect(await verifyMachineToken(jwks, wrongAud, T0)).toEqual({
        kind: 'invalid',
        reason: 'wrong-audience',
      });
      const badStatus = await signCompactJws(ring, 'machine+jwt', { ...jwt, status: 'gold' });
      expect(await verifyMachineToken(jwks, badStatus, T0)).toEqual({
        kind: 'invalid',
        reason: 'bad-claims',
      });
    });

    it('garbage', async () => {
      const { jwks } = await setUp();
      for (const junk of ['', 'a.b', 'a.b.c', '...', 'eyJ.eyJ.sig']) {
        expect(await verifyMachineToken(jwks, junk, T0)).toEqual({
          kind: 'invalid',
          reason: 'malformed',
        });
      }
    });
  });
});
