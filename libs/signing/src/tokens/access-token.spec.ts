import type { JwksDocument } from '../jws/verification-keys';
import { openKeyRing } from '../keys/open-key-ring';
import { forgeHs256, forgeUnsigned, decodePart, withPayload } from '../testing/forge';
import { tempDirs } from '../testing/temp-dir';
import { signAccessToken, verifyAccessToken } from './access-token';
import type { AccessTokenClaims } from './access-token';
import { signEnvelope } from './envelope';
import { signMachineToken, verifyMachineToken } from './machine-token';

const T0 = Date.UTC(2026, 0, 1);
const HOUR = 3_600_000;
const newDir = tempDirs();

const auditor: AccessTokenClaims = {
  issuer: 'http://127.0.0.1:3000',
  subject: 'alice',
  roles: ['auditor'],
  issuedAt: T0,
  expiresAt: T0 + 720 * HOUR,
};

const setUp = async () => {
  const ring = await openKeyRing({ dir: await newDir(), now: T0 });
  const token = await signAccessToken(ring, auditor);
  const jwks = JSON.parse(JSON.stringify(ring.jwks())) as JwksDocument;
  return { ring, token, jwks, kid: ring.current.kid };
};

describe('access tokens for admins and auditors', () => {
  it('typ at+jwt; verifies to subject and roles until exp, then is refused as expired', async () => {
    const { token, jwks, kid } = await setUp();
    expect(decodePart(token, 0)).toEqual({ alg: 'EdDSA', kid, typ: 'at+jwt' });
    expect(await verifyAccessToken(jwks, token, auditor.expiresAt - 1)).toEqual({
      kind: 'valid',
      kid,
      issuer: auditor.issuer,
      subject: 'alice',
      roles: ['auditor'],
      expiresAt: auditor.expiresAt,
      tokenId: null,
    });
    expect(await verifyAccessToken(jwks, token, auditor.expiresAt)).toEqual({
      kind: 'invalid',
      reason: 'expired',
    });
  });

  it('carries its id as jti, under which its issuance and revocation are recorded', async () => {
    const { ring, jwks } = await setUp();
    const token = await signAccessToken(ring, { ...auditor, tokenId: 'tok-1' });
    expect(decodePart(token, 1)).toMatchObject({ jti: 'tok-1', sub: 'alice' });
    expect(await verifyAccessToken(jwks, token, T0)).toMatchObject({
      kind: 'valid',
      tokenId: 'tok-1',
    });
  });

  it('is deterministic', async () => {
    const { ring, token } = await setUp();
    expect(await signAccessToken(ring, { ...auditor })).toBe(token);
  });

  it('a machine token or an envelope never passes as an access token', async () => {
    const { ring, jwks } = await setUp();
    const machine = await signMachineToken(ring, {
      issuer: auditor.issuer,
      licenseId: 'alice',
      activationId: 'a',
      fingerprint: 'f',
      tokenId: 't',
      issuedAt: T0,
      expiresAt: T0 + HOUR,
      status: 'active',
      offlineDays: 30,
    });
    const envelope = await signEnvelope(ring, { sub: 'alice', roles: 'admin' });
    for (const other of [machine, envelope]) {
      expect(await verifyAccessToken(jwks, other, T0)).toEqual({
        kind: 'invalid',
        reason: 'wrong-typ',
      });
    }
  });

  it('and an access token never passes as a machine token', async () => {
    const { token, jwks } = await setUp();
    expect(await verifyMachineToken(jwks, token, T0)).toEqual({
      kind: 'invalid',
      reason: 'wrong-typ',
    });
  });

  it('refuses escalated roles, alg none and HS256 over the public key', async () => {
    const { ring, token, jwks, kid } = await setUp();
    const claims = decodePart(token, 1);
    const escalated = { ...claims, roles: ['admin'] };
    const x = Buffer.from(ring.current.publicJwk.x, 'base64url');
    const cases: [string, string][] = [
      [withPayload(token, escalated), 'bad-signature'],
      [forgeUnsigned({ kid, typ: 'at+jwt' }, escalated), 'algorithm-not-allowed'],
      [forgeHs256({ kid, typ: 'at+jwt' }, escalated, x), 'algorithm-not-allowed'],
    ];
    for (const [forged, reason] of cases) {
      expect(await verifyAccessToken(jwks, forged, T0)).toEqual({ kind: 'invalid', reason });
    }
  });

  it('refuses a role it does not know', async () => {
    const { ring, jwks } = await setUp();
    const token = await signAccessToken(ring, {
      ...auditor,
      roles: ['root' as unknown as 'admin'],
    });
    expect(await verifyAccessToken(jwks, token, T0)).toEqual({
      kind: 'invalid',
      reason: 'bad-claims',
    });
  });
});
