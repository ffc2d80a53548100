import { createHmac } from 'node:crypto';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { verifyEnvelope } from '@lic/signing';
import { eventsOf, issueLicense, startCommandApi, type Running } from './harness';

const DAY = 86_400;
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const claimsOf = (jwt: string) =>
  JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString()) as Record<
    string,
    unknown
  >;

describe('machine activations and tokens over HTTP (seed 002)', () => {
  let api: Running;
  beforeAll(async () => {
    api = await startCommandApi();
  });
  afterAll(() => api.close());

  const activate = (key: string, fingerprint: string, extra: Record<string, unknown> = {}) =>
    api.client(key, '/api/v1/activate', { fingerprint, ...extra });
  const validate = (key: string, token: string, fingerprint: string) =>
    api.client(key, '/api/v1/validate', { token, fingerprint });

  it('M1: activation returns a token; the same fingerprint again takes no new slot', async () => {
    const { key, licenseId } = await issueLicense(api, 'indie');
    const first = await activate(key, 'ws-1');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ license_id: licenseId, status: 'active', offline_days: 30 });
    const again = await activate(key, 'ws-1');
    expect(again.body.activation_id).toBe(first.body.activation_id);
    const activated = eventsOf(await api.events(), licenseId).filter(
      (e) => e.type === 'MachineActivated.v2',
    );
    expect(activated.map((e) => e.data.slotTaken)).toEqual([true, false]);
  });

  it('M2: with every slot used a new machine is refused with 422 SEATS_EXHAUSTED, recorded', async () => {
    const { key, licenseId } = await issueLicense(api, 'indie');
    await activate(key, 'ws-1');
    await activate(key, 'ws-2');
    const r = await activate(key, 'ws-3');
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ error: { code: 'SEATS_EXHAUSTED' } });
    expect(eventsOf(await api.events(), licenseId).at(-1)?.type).toBe('ActivationRefused.v1');
  });

  it('M3: an admin revokes one activation; the slot can then take another machine', async () => {
    const { key, licenseId } = await issueLicense(api, 'indie');
    const a = await activate(key, 'ws-1');
    await activate(key, 'ws-2');
    const revoked = await api.admin(
      'DELETE',
      `/admin/v1/licenses/${licenseId}/activations/${a.body.activation_id as string}`,
    );
    expect(revoked.status).toBe(200);
    expect(revoked.body).toEqual({ license_id: licenseId, recorded: ['MachineDeactivated.v1'] });
    expect((await activate(key, 'ws-3')).status).toBe(200);
    const refused = await validate(key, a.body.token as string, 'ws-1');
    expect(refused.body).toMatchObject({ error: { code: 'ACTIVATION_NOT_FOUND' } });
  });

  it('M4: the machine token carries the fingerprint in machineFingerprint', async () => {
    const { key } = await issueLicense(api, 'studio');
    const r = await activate(key, 'ws-fp-1');
    expect(claimsOf(r.body.token as string)).toMatchObject({
      machineFingerprint: 'ws-fp-1',
      status: 'active',
    });
    const mismatch = await validate(key, r.body.token as string, 'another-machine');
    expect(mismatch.status).toBe(422);
    expect(mismatch.body).toMatchObject({ error: { code: 'FINGERPRINT_MISMATCH' } });
  });

  it('O1: a token verifies with nothing but the published JWKS', async () => {
    const { key, licenseId } = await issueLicense(api, 'studio');
    const r = await activate(key, 'ws-1');
    const jwks = createLocalJWKSet(
      JSON.parse((await api.request('GET', '/.well-known/jwks.json')).text),
    );
    const { payload, protectedHeader } = await jwtVerify(r.body.token as string, jwks, {
      algorithms: ['EdDSA'],
      audience: 'license-client',
      currentDate: new Date(api.clock.now()),
    });
    expect(protectedHeader).toMatchObject({ alg: 'EdDSA', typ: 'machine+jwt' });
    expect(payload).toMatchObject({ sub: licenseId, machineFingerprint: 'ws-1' });
  });

  it('O1: alg none and HS256-signed tokens are refused, and record nothing', async () => {
    const { key, licenseId } = await issueLicense(api, 'studio');
    const genuine = await activate(key, 'ws-1');
    const [header, payload] = (genuine.body.token as string).split('.');
    const jwks = JSON.parse((await api.request('GET', '/.well-known/jwks.json')).text) as {
      keys: { kid: string; x: string }[];
    };
    const none = `${b64({ alg: 'none', typ: 'machine+jwt' })}.${payload}.`;
    const hsHeader = b64({ alg: 'HS256', kid: jwks.keys[0]?.kid, typ: 'machine+jwt' });
    const hs = `${hsHeader}.${payload}.${createHmac(
      'sha256',
      Buffer.from(jwks.keys[0]?.x ?? '', 'base64url'),
    )
      .update(`${hsHeader}.${payload}`)
      .digest('base64url')}`;
    const tampered = `${header}.${b64({ ...claimsOf(genuine.body.token as string), machineFingerprint: 'ws-2' })}.${(genuine.body.token as string).split('.')[2]}`;
    const count = eventsOf(await api.events(), licenseId).length;
    for (const forged of [none, hs, tampered]) {
      const r = await validate(key, forged, 'ws-1');
      expect(r.status).toBe(401);
      expect(r.body).toMatchObject({ error: { code: 'INVALID_TOKEN' } });
    }
    expect(eventsOf(await api.events(), licenseId)).toHaveLength(count);
  });

  it('O3: a token under 23 days old comes back as is; from day 23 a new 30-day token', async () => {
    const { key } = await issueLicense(api, 'studio');
    const r = await activate(key, 'ws-1');
    await api.advance(22 * DAY);
    const early = await validate(key, r.body.token as string, 'ws-1');
    expect(early.body).toMatchObject({ valid: true, refreshed: false, token: r.body.token });
    // The answer itself is signed: status, validity and allowance, not only the token.
    const jwks = JSON.parse((await api.request('GET', '/.well-known/jwks.json')).text);
    const { token: _token, envelope, ...fields } = early.body;
    expect(await verifyEnvelope(jwks, envelope as string)).toMatchObject({
      kind: 'valid',
      payload: fields,
    });
    await api.advance(1 * DAY);
    const late = await validate(key, r.body.token as string, 'ws-1');
    expect(late.body).toMatchObject({ valid: true, refreshed: true, status: 'active' });
    expect(late.body.token).not.toBe(r.body.token);
    const exp = claimsOf(late.body.token as string).exp as number;
    expect(exp * 1000 - api.clock.now()).toBeGreaterThan(29.9 * DAY * 1000);
  });

  it('O3: an expired token must re-activate', async () => {
    const { key } = await issueLicense(api, 'studio');
    const r = await activate(key, 'ws-1');
    await api.advance(30 * DAY);
    const v = await validate(key, r.body.token as string, 'ws-1');
    expect(v.status).toBe(422);
    expect(v.body).toMatchObject({ error: { code: 'TOKEN_EXPIRED' } });
  });

  it('O4: a revoked license is refused at once although its token has not expired', async () => {
    const { key, licenseId } = await issueLicense(api, 'studio');
    const r = await activate(key, 'ws-1');
    expect(
      (await api.admin('POST', `/admin/v1/licenses/${licenseId}/revoke`, { reason: 'chargeback' }))
        .status,
    ).toBe(200);
    const v = await validate(key, r.body.token as string, 'ws-1');
    expect(v.status).toBe(422);
    expect(v.body).toMatchObject({
      error: { code: 'LICENSE_REVOKED', details: { status: 'revoked', offline_grace_days: 0 } },
    });
  });

  it('O4, O2: a suspended license is refused online; the answer tells its 3-day offline grace', async () => {
    const { key, licenseId } = await issueLicense(api, 'studio');
    const r = await activate(key, 'ws-1');
    await api.admin('POST', `/admin/v1/licenses/${licenseId}/suspend`, { reason: 'unpaid' });
    const v = await validate(key, r.body.token as string, 'ws-1');
    expect(v.body).toMatchObject({
      error: { code: 'LICENSE_SUSPENDED', details: { status: 'suspended', offline_grace_days: 3 } },
    });
  });

  it('O5: the 16th activation attempt within an hour is 422 RATE_LIMITED with Retry-After', async () => {
    const { key } = await issueLicense(api, 'site');
    for (let i = 0; i < 15; i++) expect((await activate(key, `m-${i}`)).status).toBe(200);
    const r = await activate(key, 'm-16');
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(3000);
    await api.advance(3600);
    expect((await activate(key, 'm-16')).status).toBe(200);
  });

  it('O6: an admin raises the threat level; new tokens then live one day', async () => {
    const { key, licenseId } = await issueLicense(api, 'studio');
    await api.admin('POST', `/admin/v1/licenses/${licenseId}/threat`, {
      detail: 'shared key suspected',
    });
    const r = await activate(key, 'ws-1');
    expect(r.body).toMatchObject({ status: 'degraded', offline_days: 1 });
  });

  it('O7: a license expires after durationDays; renewal brings it back', async () => {
    const { key, licenseId } = await issueLicense(api, 'studio');
    await api.advance(365 * DAY);
    const r = await activate(key, 'ws-1');
    expect(r.body).toMatchObject({ error: { code: 'LICENSE_EXPIRED' } });
    expect(
      (await api.admin('POST', `/admin/v1/licenses/${licenseId}/renew`, { days: 30 })).status,
    ).toBe(200);
    expect((await activate(key, 'ws-1')).status).toBe(200);
  });

  it('T1: a site license activates many machines, each with its own token', async () => {
    const { key } = await issueLicense(api, 'site');
    const tokens = new Set<unknown>();
    for (let i = 0; i < 12; i++) tokens.add((await activate(key, `m-${i}`)).body.token);
    expect(tokens.size).toBe(12);
  });
});
