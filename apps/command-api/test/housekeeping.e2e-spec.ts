import { KeyRingRefresher } from '../src/signing/key-ring-refresher';
import { rotateKeys, verifyEnvelope } from '@lic/signing';
import { join } from 'node:path';
import { eventsOf, issueLicense, startCommandApi } from './harness';

const CHECKOUT = '/api/v1/license/floating/checkout';

describe('housekeeping with two instances on one store', () => {
  it('F5: two instances sweeping at once record each expiry exactly once', async () => {
    const a = await startCommandApi();
    const b = await startCommandApi({}, a.dir);
    try {
      const { key, licenseId } = await issueLicense(a, 'render-farm', { max_floating_users: 5 });
      for (let i = 0; i < 5; i++) {
        const via = i % 2 ? a : b;
        expect(
          (
            await via.client(
              key,
              CHECKOUT,
              { fingerprint: `n${i}` },
              { 'idempotency-key': `k${i}` },
            )
          ).status,
        ).toBe(200);
      }
      await Promise.all([a.advance(16 * 60), b.advance(16 * 60)]);
      const deadline = Date.now() + 8000;
      let expired = 0;
      while (Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        expired = eventsOf(await a.events(), licenseId).filter(
          (e) => e.type === 'LeaseExpired.v1',
        ).length;
        if (expired >= 5) break;
      }
      await new Promise((r) => setTimeout(r, 300)); // both sweepers get another pass
      const all = eventsOf(await a.events(), licenseId).filter((e) => e.type === 'LeaseExpired.v1');
      expect(all).toHaveLength(5);
      expect(new Set(all.map((e) => e.data.leaseId)).size).toBe(5);
    } finally {
      await b.close();
      await a.close();
    }
  });

  it('O1: after a key rotation new answers use the new key and old ones still verify', async () => {
    const api = await startCommandApi();
    try {
      const { key } = await issueLicense(api, 'render-farm', { max_floating_users: 5 });
      const before = await api.client(
        key,
        CHECKOUT,
        { fingerprint: 'n1' },
        { 'idempotency-key': 'k1' },
      );
      const { kid } = await rotateKeys({ dir: join(api.dir, 'keys'), now: api.clock.now() });
      await api.api.app.get(KeyRingRefresher).refresh();
      await api.advance(1);
      const after = await api.client(
        key,
        CHECKOUT,
        { fingerprint: 'n2' },
        { 'idempotency-key': 'k2' },
      );
      const jwks = JSON.parse((await api.request('GET', '/.well-known/jwks.json')).text);
      expect(jwks.keys).toHaveLength(2);
      expect(jwks.keys[0].kid).toBe(kid);
      const [old, fresh] = await Promise.all([
        verifyEnvelope(jwks, before.body.envelope as string),
        verifyEnvelope(jwks, after.body.envelope as string),
      ]);
      expect(fresh).toMatchObject({ kind: 'valid', kid });
      expect(old.kind).toBe('valid');
      expect(old.kind === 'valid' && old.kid).not.toBe(kid);
      // F6: a replay of the first checkout is still the same bytes, signed with the old key.
      const replay = await api.client(
        key,
        CHECKOUT,
        { fingerprint: 'n1' },
        { 'idempotency-key': 'k1' },
      );
      expect(replay.text).toBe(before.text);
    } finally {
      await api.close();
    }
  });

  it('T2: geo-spread detection is off for a site license, on for a studio license', async () => {
    const api = await startCommandApi();
    try {
      const site = await issueLicense(api, 'site');
      const studio = await issueLicense(api, 'studio');
      const statuses = async (key: string) => {
        const out: unknown[] = [];
        for (const [i, country] of ['US', 'FR', 'JP', 'BR'].entries()) {
          out.push(
            (await api.client(key, '/api/v1/activate', { fingerprint: `m${i}`, country })).body
              .status,
          );
        }
        return out;
      };
      expect(await statuses(site.key)).toEqual(['active', 'active', 'active', 'active']);
      expect(await statuses(studio.key)).toEqual(['active', 'active', 'active', 'degraded']);
    } finally {
      await api.close();
    }
  });
});
