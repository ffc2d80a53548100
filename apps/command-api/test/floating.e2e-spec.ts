import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore } from '@lic/event-store';
import { verifyEnvelope } from '@lic/signing';
import { retriesAt } from '../../../libs/observability/src/testing';
import { EVENT_STORE } from '../src/infrastructure/tokens';
import { holdNextAppend, within } from './gates';
import { eventsOf, issueLicense, startCommandApi, type Answer, type Running } from './harness';

const CHECKOUT = '/api/v1/license/floating/checkout';
const HEARTBEAT = '/api/v1/license/floating/heartbeat';
const CHECKIN = '/api/v1/license/floating/checkin';

const errorCode = (a: Answer) => (a.body.error as { code?: string } | undefined)?.code;

describe('floating leases over HTTP (seed 001)', () => {
  let api: Running;
  beforeAll(async () => {
    api = await startCommandApi();
  });
  afterAll(() => api.close());

  it('F1: checkout returns lease_token and lease_expires_at in an envelope signed with the JWKS keys', async () => {
    const { key, licenseId } = await issueLicense(api, 'render-farm', { max_floating_users: 3 });
    const r = await api.client(
      key,
      CHECKOUT,
      { fingerprint: 'render-node-07' },
      { 'idempotency-key': 'floating-checkout-123' },
    );
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ license_id: licenseId, fingerprint: 'render-node-07' });
    expect(r.body.lease_token).toMatch(/^llt_/);
    const jwks = JSON.parse((await api.request('GET', '/.well-known/jwks.json')).text);
    const verified = await verifyEnvelope(jwks, r.body.envelope as string);
    expect(verified).toMatchObject({
      kind: 'valid',
      payload: { lease_token: r.body.lease_token, lease_expires_at: r.body.lease_expires_at },
    });
    expect(Number(r.headers.get('x-event-position'))).toBeGreaterThan(0);
  });

  it('F2: a heartbeat extends the lease and needs no Idempotency-Key', async () => {
    const { key } = await issueLicense(api, 'render-farm', { max_floating_users: 3 });
    const out = await api.client(key, CHECKOUT, { fingerprint: 'n1' }, { 'idempotency-key': 'a' });
    await api.advance(60);
    const beat = await api.client(key, HEARTBEAT, { lease_token: out.body.lease_token });
    expect(beat.status).toBe(200);
    expect(Date.parse(beat.body.lease_expires_at as string)).toBeGreaterThan(
      Date.parse(out.body.lease_expires_at as string),
    );
  });

  it('F3: checkin releases the seat at once, in a signed envelope', async () => {
    const { key } = await issueLicense(api, 'render-farm', { max_floating_users: 1 });
    const out = await api.client(key, CHECKOUT, { fingerprint: 'n1' }, { 'idempotency-key': 'o1' });
    expect(
      (await api.client(key, CHECKOUT, { fingerprint: 'n2' }, { 'idempotency-key': 'o2' })).status,
    ).toBe(422);
    const checkin = await api.client(
      key,
      CHECKIN,
      { lease_token: out.body.lease_token },
      { 'idempotency-key': 'i1' },
    );
    expect(checkin.status).toBe(200);
    expect(checkin.body).toMatchObject({
      lease_token: out.body.lease_token,
      type: 'floating.checkin',
    });
    expect(checkin.body.envelope).toEqual(expect.any(String));
    expect(
      (await api.client(key, CHECKOUT, { fingerprint: 'n2' }, { 'idempotency-key': 'o3' })).status,
    ).toBe(200);
  });

  it('F3: checkin without an Idempotency-Key is a 400 naming the header, and records nothing', async () => {
    const { key, licenseId } = await issueLicense(api, 'render-farm', { max_floating_users: 1 });
    const out = await api.client(key, CHECKOUT, { fingerprint: 'n1' }, { 'idempotency-key': 'o1' });
    const before = eventsOf(await api.events(), licenseId).length;
    const r = await api.client(key, CHECKIN, { lease_token: out.body.lease_token });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({
      error: { code: 'BAD_REQUEST', details: [{ field: 'header.idempotency-key' }] },
    });
    expect(eventsOf(await api.events(), licenseId)).toHaveLength(before);
  });

  it('F4: a checkout over the cap is refused with 422 SEATS_EXHAUSTED and the seat figures', async () => {
    const { key } = await issueLicense(api, 'render-farm', { max_floating_users: 2 });
    for (const n of ['a', 'b']) {
      expect(
        (await api.client(key, CHECKOUT, { fingerprint: n }, { 'idempotency-key': n })).status,
      ).toBe(200);
    }
    const r = await api.client(key, CHECKOUT, { fingerprint: 'c' }, { 'idempotency-key': 'c' });
    expect(r.status).toBe(422);
    expect(r.body).toEqual({
      error: {
        code: 'SEATS_EXHAUSTED',
        message: 'every seat is in use',
        details: { seats: { inUse: 2, limit: 2 } },
        help: `${api.config.PUBLIC_URL}/docs/glossary#SEATS_EXHAUSTED`,
      },
    });
    expect(r.headers.get('link')).toBe(
      `<${api.config.PUBLIC_URL}/docs/glossary#SEATS_EXHAUSTED>; rel="help"`,
    );
  });

  it('F4: 60 concurrent checkouts on one instance for a cap of 10 grant exactly 10', async () => {
    const { key } = await issueLicense(api, 'render-farm', { max_floating_users: 10 });
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        api.client(key, CHECKOUT, { fingerprint: `node-${i}` }, { 'idempotency-key': `k-${i}` }),
      ),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(10);
    expect(answers.filter((a) => a.status === 422)).toHaveLength(50);
  });

  it('F5: a lease without heartbeat is free at its timeout instant; the sweeper records LeaseExpired', async () => {
    const { key, licenseId } = await issueLicense(api, 'render-farm', { max_floating_users: 1 });
    const out = await api.client(key, CHECKOUT, { fingerprint: 'n1' }, { 'idempotency-key': 'a' });
    expect(out.status).toBe(200);
    await api.advance(15 * 60 - 5);
    expect(
      (await api.client(key, CHECKOUT, { fingerprint: 'n2' }, { 'idempotency-key': 'b' })).status,
    ).toBe(422);
    await api.advance(5);
    // The seat is free now, whether or not the sweeper has recorded the expiry yet.
    expect(
      (await api.client(key, CHECKOUT, { fingerprint: 'n2' }, { 'idempotency-key': 'c' })).status,
    ).toBe(200);
    const beat = await api.client(key, HEARTBEAT, { lease_token: out.body.lease_token });
    expect(beat.status).toBe(422);
    expect(beat.body).toMatchObject({
      error: { code: 'LEASE_EXPIRED', details: { reason: 'expired' } },
    });
    const expired = eventsOf(await api.events(), licenseId).filter(
      (e) => e.type === 'LeaseExpired.v1',
    );
    expect(expired).toHaveLength(1);
    expect(expired[0]?.data).toMatchObject({
      leaseId: (out.body.lease_token as string).slice(4),
      expiredAt: out.body.lease_expires_at,
    });
  });

  it('F5: the sweeper records LeaseExpired on its own after the deadline', async () => {
    const { key, licenseId } = await issueLicense(api, 'render-farm', { max_floating_users: 1 });
    await api.client(key, CHECKOUT, { fingerprint: 'n1' }, { 'idempotency-key': 'a' });
    await api.advance(15 * 60 + 1);
    const deadline = Date.now() + 5000;
    let expired = 0;
    while (expired === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      expired = eventsOf(await api.events(), licenseId).filter(
        (e) => e.type === 'LeaseExpired.v1',
      ).length;
    }
    expect(expired).toBe(1);
  });

  it('F6: the same key and request return the original answer, byte for byte, and append nothing', async () => {
    const { key, licenseId } = await issueLicense(api, 'render-farm', { max_floating_users: 2 });
    const first = await api.client(
      key,
      CHECKOUT,
      { fingerprint: 'n1' },
      { 'idempotency-key': 'same' },
    );
    const count = eventsOf(await api.events(), licenseId).length;
    await api.advance(30);
    const again = await api.client(
      key,
      CHECKOUT,
      { fingerprint: 'n1' },
      { 'idempotency-key': 'same' },
    );
    expect(again.status).toBe(200);
    expect(again.text).toBe(first.text);
    expect(eventsOf(await api.events(), licenseId)).toHaveLength(count);
    const ci = await api.client(
      key,
      CHECKIN,
      { lease_token: first.body.lease_token },
      { 'idempotency-key': 'in' },
    );
    const ciAgain = await api.client(
      key,
      CHECKIN,
      { lease_token: first.body.lease_token },
      { 'idempotency-key': 'in' },
    );
    expect(ciAgain.status).toBe(200);
    expect(ciAgain.text).toBe(ci.text);
  });

  it('F6: a field the API does not know is refused (400 naming it) and binds no key', async () => {
    const { key } = await issueLicense(api, 'render-farm', { max_floating_users: 2 });
    const unknown = await api.client(
      key,
      CHECKOUT,
      { fingerprint: 'n1', client_version: '2.3' },
      { 'idempotency-key': 'x' },
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({
      error: { code: 'BAD_REQUEST', details: [{ field: 'body.client_version' }] },
    });
    const first = await api.client(
      key,
      CHECKOUT,
      { fingerprint: 'n1' },
      { 'idempotency-key': 'x' },
    );
    expect(first.status).toBe(200);
  });

  it('F6: the same key with a different request is a 409', async () => {
    const { key } = await issueLicense(api, 'render-farm', { max_floating_users: 2 });
    await api.client(key, CHECKOUT, { fingerprint: 'n1' }, { 'idempotency-key': 'k' });
    const r = await api.client(key, CHECKOUT, { fingerprint: 'n2' }, { 'idempotency-key': 'k' });
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ error: { code: 'IDEMPOTENCY_KEY_REUSED' } });
  });

  it('F6: while a request is in flight on one instance, the same key is answered 409 IDEMPOTENCY_KEY_IN_USE; one seat is taken', async () => {
    const { key, licenseId } = await issueLicense(api, 'render-farm', { max_floating_users: 5 });
    const store = api.api.app.get(EVENT_STORE) as EventStore;
    const gate = holdNextAppend(store);
    const send = () =>
      api.client(key, CHECKOUT, { fingerprint: 'n1' }, { 'idempotency-key': 'dup' });
    const first = send();
    await gate.reached; // the first request has decided and is appending: it is in flight
    // Refused at once: were they to wait behind the first (no guard), they would still be
    // unanswered when the first is let go.
    const others = await within(
      10_000,
      Promise.all(Array.from({ length: 15 }, send)),
      'same-key requests waited behind the one in flight instead of a 409',
    );
    gate.release();
    const answered = await first;
    const inFlight = others.filter(
      (a) => a.status === 409 && errorCode(a) === 'IDEMPOTENCY_KEY_IN_USE',
    );
    console.info(`F6 one instance: ${inFlight.length} of ${others.length} refused as in flight`);
    expect(answered.status).toBe(200);
    expect(inFlight).toHaveLength(others.length);
    const leases = eventsOf(await api.events(), licenseId).filter(
      (e) => e.type === 'LeaseCheckedOut.v2',
    );
    expect(leases).toHaveLength(1);
  });

  it('F6: one key racing on two instances, which share no in-flight guard: one seat, and the later answer is a replay of the same bytes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'f6-two-'));
    const a = await startCommandApi({}, dir);
    const b = await startCommandApi({}, dir);
    try {
      const { key, licenseId } = await issueLicense(a, 'render-farm', { max_floating_users: 20 });
      // A decides first but is held at its append; B, knowing nothing of A's request (no
      // shared in-flight guard), decides and appends; A's append then meets B's revision, A
      // decides again and finds the key bound: a replay.
      const gate = holdNextAppend(a.api.app.get(EVENT_STORE) as EventStore);
      const send = (instance: Running) =>
        instance.client(key, CHECKOUT, { fingerprint: 'n1' }, { 'idempotency-key': 'race' });
      const fromA = send(a);
      await gate.reached;
      const fromB = await send(b);
      gate.release();
      const answers = [await fromA, fromB];
      expect(answers.map((r) => r.status)).toEqual([200, 200]);
      expect(answers[0]?.text).toBe(answers[1]?.text);
      const leases = eventsOf(await a.events(), licenseId).filter(
        (e) => e.type === 'LeaseCheckedOut.v2' && e.data.idempotencyKey === 'race',
      );
      expect(leases).toHaveLength(1);
      const [retriedA, retriedB] = await Promise.all([retriesAt(a.url), retriesAt(b.url)]);
      console.info(
        `F6 two instances: decisions retried after a conflict: ${retriedA} + ${retriedB}`,
      );
      expect(retriedA).toBeGreaterThan(0);
    } finally {
      await a.close();
      await b.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('F7: /deactivate on job completion releases the floating seat', async () => {
    const { key } = await issueLicense(api, 'render-farm', { max_floating_users: 1 });
    await api.client(key, CHECKOUT, { fingerprint: 'job-node' }, { 'idempotency-key': 'a' });
    const r = await api.client(key, '/api/v1/deactivate', { fingerprint: 'job-node' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ leases_released: 1 });
    expect(
      (await api.client(key, CHECKOUT, { fingerprint: 'other' }, { 'idempotency-key': 'b' }))
        .status,
    ).toBe(200);
  });
});
