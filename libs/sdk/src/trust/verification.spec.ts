import { createHmac } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  openKeyRing,
  signAccessToken,
  signEnvelope,
  signMachineToken,
  type KeyRing,
} from '@lic/signing';
import { verifyEnvelope } from './envelope';
import type { Jwks } from './jwks';
import { verifyMachineToken } from './machine-token';

const T0 = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const part = (jws: string, i: 0 | 1) =>
  JSON.parse(Buffer.from(jws.split('.')[i]!, 'base64url').toString()) as Record<string, unknown>;

const claims = {
  issuer: 'http://127.0.0.1',
  licenseId: 'lic-1',
  activationId: 'act-1',
  fingerprint: 'ws-1',
  tokenId: 'tok-1',
  issuedAt: T0,
  expiresAt: T0 + 30 * DAY,
  status: 'active',
  offlineDays: 30,
} as const;

describe('the SDK verifies the server’s signatures with nothing but its JWKS (O1)', () => {
  let dir: string;
  let ring: KeyRing;
  let jwks: Jwks;
  let token: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sdk-keys-'));
    ring = await openKeyRing({ dir, now: T0 });
    jwks = JSON.parse(JSON.stringify(ring.jwks())) as Jwks;
    token = await signMachineToken(ring, claims);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('O1: a genuine machine token verifies to its claims, and expires at exp', async () => {
    expect(await verifyMachineToken(jwks, token, T0 + DAY)).toEqual({
      kind: 'valid',
      claims: {
        licenseId: 'lic-1',
        activationId: 'act-1',
        fingerprint: 'ws-1',
        tokenId: 'tok-1',
        issuedAt: T0,
        expiresAt: T0 + 30 * DAY,
        status: 'active',
        offlineDays: 30,
      },
    });
    expect(await verifyMachineToken(jwks, token, T0 + 30 * DAY)).toMatchObject({
      kind: 'expired',
    });
  });

  it('O1: refuses an edited payload, alg none, HS256 over the public key, another typ and an unknown kid', async () => {
    const [header, payload, signature] = token.split('.');
    const kid = ring.current.kid;
    const edited = b64({ ...part(token, 1), machineFingerprint: 'ws-2' });
    const hsHeader = b64({ alg: 'HS256', kid, typ: 'machine+jwt' });
    const hs = createHmac('sha256', Buffer.from(ring.current.publicJwk.x, 'base64url'))
      .update(`${hsHeader}.${payload}`)
      .digest('base64url');
    const cases: [string, string][] = [
      [`${header}.${edited}.${signature}`, 'bad-signature'],
      [`${b64({ alg: 'none', kid, typ: 'machine+jwt' })}.${payload}.`, 'algorithm-not-allowed'],
      [`${hsHeader}.${payload}.${hs}`, 'algorithm-not-allowed'],
      [await signEnvelope(ring, { a: 1 }), 'wrong-typ'],
      [
        `${b64({ alg: 'EdDSA', kid: 'other', typ: 'machine+jwt' })}.${payload}.${signature}`,
        'unknown-kid',
      ],
      ['not.a.jws', 'malformed'],
    ];
    for (const [forged, reason] of cases) {
      expect(await verifyMachineToken(jwks, forged, T0)).toEqual({ kind: 'rejected', reason });
    }
    const access = await signAccessToken(ring, {
      issuer: 'i',
      subject: 's',
      roles: ['admin'],
      issuedAt: T0,
      expiresAt: T0 + DAY,
    });
    expect(await verifyMachineToken(jwks, access, T0)).toMatchObject({ reason: 'wrong-typ' });
  });

  it('O1: trusts only a lone Ed25519 public signature key for a kid', async () => {
    const jwk = ring.current.publicJwk;
    for (const keys of [[], [jwk, { ...jwk }], [{ ...jwk, use: 'enc' }], [{ ...jwk, d: jwk.x }]]) {
      expect(await verifyMachineToken({ keys } as unknown as Jwks, token, T0)).toMatchObject({
        reason: 'unknown-kid',
      });
    }
  });

  it('seed 001: envelopes verify to their flat payload; a tampered one or a token is refused', async () => {
    const payload = { type: 'floating.checkout', lease_token: 'llt_1', seats: 2, held: null };
    const envelope = await signEnvelope(ring, payload);
    expect(await verifyEnvelope(jwks, envelope)).toEqual({ kind: 'valid', payload });
    const [header, , signature] = envelope.split('.');
    const tampered = `${header}.${b64({ ...payload, seats: 0 })}.${signature}`;
    expect(await verifyEnvelope(jwks, tampered)).toMatchObject({ reason: 'bad-signature' });
    expect(await verifyEnvelope(jwks, token)).toMatchObject({ reason: 'wrong-typ' });
  });
});
