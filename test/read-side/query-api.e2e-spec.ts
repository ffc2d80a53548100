import { admin, commands, policies } from './support/license-world';
import { MINUTE, T0, iso, openReadSide, type ReadSide } from './support/harness';
import { startQueryApi, type QueryApiUnderTest } from './support/query-api-harness';
import { describeOnReadDbs } from './support/read-dbs';

/** A JSON body, navigated loosely in assertions (the expectations check its shape). */
type Json = { readonly [key: string]: Json } & readonly Json[] & string;

describeOnReadDbs('query API', (kind) => {
  let rs: ReadSide;
  let q: QueryApiUnderTest;
  const get = async (url: string, token?: string | null): Promise<Json> => {
    const res = await q.get(url, token);
    const body = typeof res.body === 'object' && res.body !== null ? res.body : {};
    return { ...body, http: res.status, headers: res.headers, text: res.text } as unknown as Json;
  };

  beforeAll(async () => {
    rs = await openReadSide(kind);
    const { world } = rs;
    await world.product('prod-1');
    await world.issue('lic-f', policies.floating(2, 15));
    await world.issue('lic-m', policies.machines(2));
    await world.issue('lic-s', policies.sessions(3));
    await world.run('lic-s', commands.reserve('boss'), admin);
    await world.run('lic-f', commands.checkout('L1'));
    await world.run('lic-f', commands.checkout('L2'));
    await world.run('lic-f', commands.checkout('L3', 'fp-late')); // refused: full
    await world.run('lic-m', commands.activate('ws-1', 1, 'ws-1.studio.lan'));
    await world.run('lic-s', commands.open('s1', 'boss'));
    await world.run('lic-s', commands.open('s2', 'ann'));
    world.advance(5 * MINUTE);
    await world.run('lic-f', commands.checkin('L2'));
    await world.run('lic-s', commands.logout('s2'));
    world.advance(MINUTE);
    await world.run('lic-f', commands.checkout('L4')); // 09:06, deadline 09:21
    await rs.project();
    q = await startQueryApi(rs);
  });
  afterAll(async () => {
    await q.close();
    await rs.close();
  });

  it('A2: 401 without a valid token, 403 without the role, auditors read the audit trail', async () => {
    const none = await get('/query/v1/licenses', null);
    expect(none.http).toBe(401);
    expect(none.error).toEqual({
      code: 'UNAUTHORIZED',
      message: 'send an access token as "Authorization: Bearer <token>"',
    });
    expect(none.headers['www-authenticate']).toBe('Bearer');
    expect((await get('/query/v1/licenses', q.tokens.expired)).error.code).toBe('INVALID_TOKEN');
    expect((await get('/query/v1/licenses', 'not-a-jwt')).http).toBe(401);
    expect((await get('/query/v1/licenses', q.tokens.nobody)).http).toBe(403);
    const auditor = await get('/query/v1/licenses', q.tokens.auditor);
    expect(auditor.http).toBe(403);
    expect(auditor.error.code).toBe('FORBIDDEN');
    expect((await get('/query/v1/audit?limit=1', q.tokens.auditor)).http).toBe(200);
    expect((await get('/query/v1/reports/refusals', q.tokens.auditor)).http).toBe(200);
    // The query-string token is for the dashboard only.
    const viaQuery = await get(`/query/v1/licenses?access_token=${q.tokens.admin}`, null);
    expect(viaQuery.http).toBe(401);
  });

  it('A2: a malformed input is a 400 naming the field, never a stack trace', async () => {
    const limit = await get('/query/v1/licenses?limit=abc');
    expect(limit.http).toBe(400);
    expect(limit.error).toEqual({
      code: 'BAD_REQUEST',
      message: 'query.limit must be an integer from 1 to 200',
      details: [{ field: 'query.limit', problem: 'must be an integer from 1 to 200' }],
    });
    const typo = await get('/query/v1/audit?licence=lic-f');
    expect(typo.error.details).toEqual([
      { field: 'query.licence', problem: 'is not a parameter of this endpoint' },
    ]);
    const asOf = await get('/query/v1/licenses/lic-f/seats?as_of=yesterday');
    expect(asOf.error.details[0].field).toBe('query.as_of');
    const id = await get('/query/v1/licenses/bad%20id');
    expect(id.error.details[0].field).toBe('params.license_id');
    const after = await get('/query/v1/licenses?after=-1');
    expect(after.error.details[0].field).toBe('query.after');
    const missing = await get('/query/v1/reports/utilization');
    expect(missing.error.details[0]).toEqual({
      field: 'query.license_id',
      problem: 'is required (Id)',
    });
    const route = await get('/query/v1/nothing-here');
    expect(route.http).toBe(404);
    expect(route.text).not.toMatch(/at .*\.ts/);
  });

  it('A2: licenses with their occupancy; one license in full', async () => {
    const list = await get('/query/v1/licenses');
    expect(list.http).toBe(200);
    expect(list.headers['x-read-model-position']).toBe(String(rs.world.lastPosition));
    expect(list.items.map((l: Json) => [l.license_id, l.status])).toEqual([
      ['lic-f', 'active'],
      ['lic-m', 'active'],
      ['lic-s', 'active'],
    ]);
    expect(list.items[0].seats).toEqual({
      machine: null,
      lease: { cap: 2, reserved: 0, in_use: 2, available: 0 },
      session: null,
    });
    const paged = await get('/query/v1/licenses?limit=2');
    expect(paged.next_cursor).toBe('lic-m');
    const rest = await get(`/query/v1/licenses?limit=2&cursor=${paged.next_cursor}`);
    expect(rest.items.map((l: Json) => l.license_id)).toEqual(['lic-s']);
    expect(rest.next_cursor).toBeNull();
    const search = async (text: string) =>
      (await get(`/query/v1/licenses?q=${encodeURIComponent(text)}`)).items.map(
        (l: Json) => l.license_id,
      );
    expect(await search('NINE')).toEqual(['lic-f', 'lic-m', 'lic-s']); // the licensee, any case
    expect(await search('lic-s')).toEqual(['lic-s']);
    expect(await search('lic_')).toEqual([]); // LIKE wildcards are matched literally

    const detail = await get('/query/v1/licenses/lic-s');
    expect(detail).toMatchObject({
      license_id: 'lic-s',
      product_name: 'Render Suite',
      licensee: 'Studio Nine',
      reserved_accounts: ['boss'],
      seats: {
        session: { cap: 3, reserved: 1, in_use: 1, available: 2, shared: { cap: 2, in_use: 0 } },
      },
      holders: { sessions: [{ session_id: 's1', username: 'boss' }] },
    });
    expect((await get('/query/v1/licenses/nope')).http).toBe(404);

    const products = await get('/query/v1/products');
    expect(products.items.map((p: Json) => [p.product_id, p.variants.length])).toEqual([
      ['prod-1', 6],
    ]);
  });

  it('F5: the live view frees a lease at its deadline, before the sweeper records it', async () => {
    rs.clock.advance(10 * MINUTE); // 09:16: L1 (deadline 09:15) lapsed, L4 (09:21) alive
    const seats = await get('/query/v1/licenses/lic-f/seats');
    expect(seats).toMatchObject({
      source: 'read-model',
      at: iso(T0 + 16 * MINUTE),
      seats: { lease: { cap: 2, in_use: 1, available: 1 } },
    });
    expect(seats.holders.leases.map((l: Json) => l.lease_id)).toEqual(['L4']);
    const active = await get('/query/v1/licenses/lic-f/leases?state=active');
    expect(active.items.map((l: Json) => [l.lease_id, l.state])).toEqual([['L4', 'active']]);
    const ended = await get('/query/v1/licenses/lic-f/leases?state=ended');
    expect(ended.items.map((l: Json) => [l.lease_id, l.state, l.end_reason])).toEqual([
      ['L2', 'ended', 'checked-in'],
      ['L1', 'lapsed', null],
    ]);
    const page = await get('/query/v1/licenses/lic-f/leases?limit=1');
    const next = await get(`/query/v1/licenses/lic-f/leases?limit=1&cursor=${page.next_cursor}`);
    expect([page.items[0].lease_id, next.items[0].lease_id]).toEqual(['L4', 'L2']);
  });

  it('A3: any license’s seats as they stood at any past instant, rebuilt from its events', async () => {
    const before = await get(
      `/query/v1/licenses/lic-f/seats?as_of=${iso(T0 + 2 * MINUTE)}`,
      q.tokens.auditor,
    );
    expect(before).toMatchObject({
      source: 'event-store',
      at: iso(T0 + 2 * MINUTE),
      status: 'active',
      seats: { lease: { cap: 2, in_use: 2, available: 0 } },
    });
    expect(before.holders.leases.map((l: Json) => l.lease_id)).toEqual(['L1', 'L2']);
    const lenient = await get('/query/v1/licenses/lic-f/seats?as_of=2026-03-02T09:05:30Z');
    expect(lenient.holders.leases.map((l: Json) => l.lease_id)).toEqual(['L1']);

    // At the present instant the rebuild and the live read models agree.
    for (const id of ['lic-f', 'lic-m', 'lic-s']) {
      const live = await get(`/query/v1/licenses/${id}/seats`);
      const rebuilt = await get(`/query/v1/licenses/${id}/seats?as_of=${live.at}`);
      expect([rebuilt.http, rebuilt.seats, rebuilt.holders]).toEqual([
        200,
        live.seats,
        live.holders,
      ]);
    }
    const unborn = await get(`/query/v1/licenses/lic-f/seats?as_of=${iso(T0 - 60 * MINUTE)}`);
    expect(unborn.http).toBe(404);
    const liveForAuditor = await get('/query/v1/licenses/lic-f/seats', q.tokens.auditor);
    expect(liveForAuditor.http).toBe(403);
  });

  it('A2: sessions and activations, active and ended', async () => {
    const sessions = await get('/query/v1/licenses/lic-s/sessions?state=all');
    expect(sessions.items.map((s: Json) => [s.session_id, s.pool, s.state, s.end_reason])).toEqual([
      ['s2', 'shared', 'ended', 'logout'],
      ['s1', 'reserved', 'active', null], // 20 minutes idle from 09:00: alive at 09:16
    ]);
    const activations = await get('/query/v1/licenses/lic-m/activations?state=active');
    expect(activations.items).toMatchObject([
      { fingerprint: 'ws-1', hostname: 'ws-1.studio.lan', state: 'active' },
    ]);
  });

  it('A1: the audit trail filters by license, type, actor and time, pages by position, exports', async () => {
    const refusals = await get('/query/v1/audit?license_id=lic-f&type=CheckoutRefused.v1');
    expect(refusals.items).toHaveLength(1);
    expect(refusals.items[0]).toMatchObject({
      license_id: 'lic-f',
      product_id: 'prod-1',
      type: 'CheckoutRefused.v1',
      actor: 'license:lic-f',
      occurred_at: iso(T0),
      data: { fingerprint: 'fp-late', reason: 'SEATS_EXHAUSTED' },
    });
    const byAdmin = await get('/query/v1/audit?actor=admin:alice&limit=1000');
    expect(new Set(byAdmin.items.map((e: Json) => e.type))).toEqual(
      new Set([
        'ProductCreated.v1',
        'VariantDefined.v1',
        'LicenseIssued.v1',
        'ReservedAccountsSet.v1',
      ]),
    );
    const later = await get(
      `/query/v1/audit?from=${iso(T0 + 5 * MINUTE)}&to=${iso(T0 + 6 * MINUTE)}`,
    );
    expect(later.items.map((e: Json) => e.type)).toEqual(['LeaseCheckedIn.v1', 'SessionClosed.v1']);

    const all = await get('/query/v1/audit?limit=1000');
    const walked: Json[] = [];
    let cursor: string | null = null;
    do {
      const page: Json = await get(`/query/v1/audit?limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      walked.push(...page.items);
      cursor = page.next_cursor;
    } while (cursor !== null);
    expect(walked).toEqual(all.items);

    const ndjson = await q.get('/query/v1/audit/export?format=ndjson', q.tokens.auditor);
    expect(ndjson.headers['content-type']).toBe('application/x-ndjson');
    const lines = ndjson.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Json);
    expect(lines).toEqual(all.items);
    const csv = await q.get('/query/v1/audit/export?format=csv&license_id=lic-f');
    const rows = csv.text.trim().split('\r\n');
    const header = (rows[0] ?? '').split(',');
    expect(header.slice(0, 12)).toEqual([
      'position',
      'event_id',
      'stream',
      'revision',
      'type',
      'license_id',
      'product_id',
      'occurred_at',
      'recorded_at',
      'actor',
      'correlation_id',
      'causation_id',
    ]);
    expect(header).toEqual(expect.arrayContaining(['fingerprint', 'reason', 'seats_in_use']));
    const licenseRows = all.items.filter((e: Json) => e.license_id === 'lic-f');
    expect(rows).toHaveLength(1 + licenseRows.length);
    expect(rows[1]).toMatch(/^\d+,[0-9a-f-]{36},license-lic-f,0,LicenseIssued\.v1,lic-f,prod-1,/);
    // Every row of the license names its product, not only LicenseIssued.
    const productColumn = header.indexOf('product_id');
    const refused = rows.find((r) => r.includes(',CheckoutRefused.v1,')) ?? '';
    expect(refused.split(',')[productColumn]).toBe('prod-1');
    expect(refused.split(',')[header.indexOf('fingerprint')]).toBe('fp-late');
    expect(licenseRows.every((e: Json) => e.product_id === 'prod-1')).toBe(true);
  });

  it('U1, U2: utilization and refusal reports', async () => {
    const u = await get(
      `/query/v1/reports/utilization?license_id=lic-f&from=${iso(T0)}&to=${iso(T0 + 2 * 60 * MINUTE)}`,
      q.tokens.auditor,
    );
    expect(u.series).toHaveLength(1);
    const lease = u.series[0];
    expect(lease).toMatchObject({ holder_kind: 'lease', cap: 2, peak: 2 });
    // 09:00-09:05 two seats (L1, L2); 09:05-09:06 one; 09:06-09:15 two; 09:15-09:21 one (L4).
    const seatMinutes = 2 * 5 + 1 + 2 * 9 + 6;
    expect(lease.buckets).toEqual([
      {
        start: iso(T0),
        peak: 2,
        average: Number((seatMinutes / 60).toFixed(6)),
        seat_ms: seatMinutes * MINUTE,
      },
      { start: iso(T0 + 60 * MINUTE), peak: 0, average: 0, seat_ms: 0 },
    ]);
    const r = await get(`/query/v1/reports/refusals?from=${iso(T0)}`, q.tokens.auditor);
    expect(r).toMatchObject({
      total: 1,
      by_reason: [{ reason: 'SEATS_EXHAUSTED', count: 1 }],
      by_kind: [{ kind: 'checkout', count: 1 }],
      by_license: [{ license_id: 'lic-f', total: 1 }],
    });
    const tooLong = await get(`/query/v1/reports/refusals?from=${iso(T0 - 40 * 24 * 60 * MINUTE)}`);
    expect(tooLong.http).toBe(400);
  });

  it('A2: read-your-writes: ?after= waits for the projector, or answers 504 READ_MODEL_BEHIND', async () => {
    await rs.world.run('lic-f', commands.checkout('L5'));
    const written = String(rs.world.lastPosition);
    const behind = await get(`/query/v1/licenses/lic-f/seats?after=${written}`);
    expect(behind.http).toBe(504);
    expect(behind.headers['retry-after']).toBe('1');
    expect(behind.error).toMatchObject({
      code: 'READ_MODEL_BEHIND',
      details: { after: written, waited_ms: 400 },
    });
    const waiting = get(`/query/v1/licenses/lic-f/seats?after=${written}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await rs.project();
    const seen = await waiting;
    expect(seen.http).toBe(200);
    expect(seen.headers['x-read-model-position']).toBe(written);
    expect(seen.holders.leases.map((l: Json) => l.lease_id)).toContain('L5');
  });

  it('A2: the OpenAPI document describes every route and its parameters', async () => {
    const doc = await get('/api/docs-json', null);
    expect(doc.http).toBe(200);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/query/v1/licenses',
        '/query/v1/licenses/{license_id}/seats',
        '/query/v1/audit',
        '/query/v1/audit/export',
        '/query/v1/reports/utilization',
        '/dashboard',
      ]),
    );
    const audit = doc.paths['/query/v1/audit'].get;
    expect(audit.parameters.map((p: Json) => p.name)).toEqual(
      expect.arrayContaining([
        'license_id',
        'type',
        'actor',
        'from',
        'to',
        'cursor',
        'limit',
        'after',
      ]),
    );
    const ui = await q.get('/api/docs', null);
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger');
  });
});
