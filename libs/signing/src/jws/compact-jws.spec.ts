import { CompactSign } from 'jose';
import { openKeyRing } from '../keys/open-key-ring';
import { tempDirs } from '../testing/temp-dir';
import { canonicalJson } from './canonical-json';
import { signCompactJws } from './compact-jws';

const T0 = Date.UTC(2026, 0, 1);
const newDir = tempDirs();

describe('compact JWS signing with node:crypto', () => {
  it('F1: gives byte for byte the JWS that jose signs with the same key, header and payload', async () => {
    const ring = await openKeyRing({ dir: await newDir(), now: T0 });
    const payload = { lease_token: 'llt_abc', seats_in_use: 3, note: 'é ✓', previous: null };
    const ours = await signCompactJws(ring, 'lic-envelope+jws', payload);
    const theirs = await new CompactSign(new TextEncoder().encode(canonicalJson(payload)))
      .setProtectedHeader({ alg: 'EdDSA', kid: ring.current.kid, typ: 'lic-envelope+jws' })
      .sign(ring.current.privateKey);
    expect(ours).toBe(theirs);
    // The cached header serves the next answer unchanged.
    expect(await signCompactJws(ring, 'lic-envelope+jws', payload)).toBe(theirs);
  });
});
