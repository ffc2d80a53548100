import type { JwksDocument } from '../jws/verification-keys';
import { openKeyRing } from '../keys/open-key-ring';
import { signCompactJws } from '../jws/compact-jws';
import type { JsonValue } from '../jws/canonical-json';
import { decodePart, forgeHs256, forgeUnsigned, withHeader, withPayload } from '../testing/forge';
import { tempDirs } from '../testing/temp-dir';
import { signEnvelope, verifyEnvelope } from './envelope';
import { signMachineToken } from './machine-token';

const T0 = Date.UTC(2026, 0, 1);
const newDir = tempDirs();

const checkout = {
  lease_token: 'llt_abc123',
  lease_expires_at: '2026-01-01T00:15:00.000Z',
  license_id: 'lic-1',
  seats_in_use: 3,
  released: false,
  previous: null,
};

const setUp = async () => {
  const ring = await openKeyRing({ dir: await newDir(), now: T0 });
  const envelope = await signEnvelope(ring, checkout);
  const jwks = JSON.parse(JSON.stringify(ring.jwks())) as JwksDocument;
  return { ring, envelope, jwks, kid: ring.current.kid };
};

describe('signed runtime envelopes (F1, F3)', () => {
  it('header {alg, kid, typ} and the canonical JSON of the payload', async () => {
    const { envelope, kid } = await setUp();
    const [header, payload] = envelope
      .split('.')
      .map((p) => Buffer.from(p, 'base64url').toString());
    expect(header).toBe(`{"alg":"EdDSA","kid":"${kid}","typ":"license-envelope+jws"}`);
    expect(payload).toBe(
      '{"lease_expires_at":"2026-01-01T00:15:00.000Z","lease_token":"llt_abc123",' +
        '"license_id":"lic-1","previous":null,"released":false,"seats_in_use":3}',
    );
  });

  it('F6: equal payloads give byte-identical envelopes, whatever the key order', async () => {
    const { ring, envelope } = await setUp();
    const reordered = Object.fromEntries(Object.entries(checkout).reverse());
    expect(await signEnvelope(ring, reordered)).toBe(envelope);
    expect(await signEnvelope(ring, { ...checkout, seats_in_use: 4 })).not.toBe(envelope);
  });

  it('verifies with the JWKS JSON and returns the payload', async () => {
    const { envelope, jwks, kid } = await setUp();
    expect(await verifyEnvelope(jwks, envelope)).toEqual({ kind: 'valid', kid, payload: checkout });
  });

  it('refuses a tampered payload, alg none, HS256 over the public key, and a wrong typ', async () => {
    const { ring, envelope, jwks, kid } = await setUp();
    const payload = decodePart(envelope, 1);
    const x = Buffer.from(ring.current.publicJwk.x, 'base64url');
    const typ = 'license-envelope+jws';
    const cases: [string, string][] = [
      [withPayload(envelope, { ...payload, seats_in_use: 0 }), 'bad-signature'],
      [forgeUnsigned({ kid, typ }, payload), 'algorithm-not-allowed'],
      [forgeHs256({ kid, typ }, payload, x), 'algorithm-not-allowed'],
      [withHeader(envelope, { alg: 'EdDSA', kid, typ: 'JWT' }), 'wrong-typ'],
      [await signMachineToken(ring, machineClaims), 'wrong-typ'],
    ];
    for (const [jws, reason] of cases) {
      expect(await verifyEnvelope(jwks, jws)).toEqual({ kind: 'invalid', reason });
    }
  });

  it('a genuine signature over something other than a flat JSON object is refused', async () => {
    const { ring, jwks } = await setUp();
    const payloads: JsonValue[] = [[1, 2], 'text', { nested: { a: 1 } }, { list: [1] }];
    for (const payload of payloads) {
      const jws = await signCompactJws(ring, 'license-envelope+jws', payload);
      expect(await verifyEnvelope(jwks, jws)).toEqual({ kind: 'invalid', reason: 'bad-claims' });
    }
  });
});

const machineClaims = {
  issuer: 'i',
  licenseId: 'lic-1',
  activationId: 'a',
  fingerprint: 'f',
  tokenId: 't',
  issuedAt: T0,
  expiresAt: T0 + 1000,
  status: 'active',
  offlineDays: 30,
} as const;
