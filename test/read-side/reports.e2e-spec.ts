import { DAY } from '@lic/domain';
import { signAccessToken } from '@lic/signing';
import { admin, commands, policies } from './support/license-world';
import { HOUR, MINUTE, T0, iso, openReadSide, type ReadSide } from './support/harness';
import { startQueryApi, type QueryApiUnderTest } from './support/query-api-harness';
import { describeOnReadDbs } from './support/read-dbs';

/** A JSON body, navigated loosely in assertions. */
type Json = { readonly [key: string]: Json } & readonly Json[] & string;

describeOnReadDbs('reports', (kind) => {
  let rs: ReadSide;
  let q: QueryApiUnderTest;
  const get = async (url: string): Promise<Json> => {
    const res = await q.get(url, q.tokens.auditor);
    expect([url, res.status]).toEqual([url, 200]);
    return res.body as Json;
  };
  const range = `from=${iso(T0)}&to=${iso(T0 + 2 * HOUR)}`;

  beforeAll(async () => {
    rs = await openReadSide(kind);
    const { world } = rs;
    await world.product('prod-1', 'Maya plug-in');
    await world.product('prod-2', 'Houdini plug-in');
    await world.issue('lic-a', policies.floating(2, 15));
    await world.issue('lic-b', policies.floating(3, 15));
    await world.issue('lic-c', policies.sessions(2), 'prod-2');
    await world.run('lic-c', commands.reserve('boss'), admin);
    await world.run('lic-a', commands.checkout('A1', 'node-1')); // 09:00-09:15 (lapses)
    await world.run('lic-a', commands.checkout('A2', 'node-2'));
    await world.run('lic-a', commands.checkout('A3', 'node-3')); // refused: full
    world.advance(61_000); // a refusal of the same node and reason is recorded once a minute
    await world.run('lic-a', commands.checkout('A4', 'node-3')); // refused again
    world.advance(30 * MINUTE - 61_000);
    await world.run('lic-b', commands.checkout('B1', 'node-9')); // 09:30-09:45
    await world.run('lic-c', commands.open('s1', 'ann'));
    await world.run('lic-c', commands.open('s2', 'bob', 'service')); // refused: shared pool full
    await rs.project();
    q = await startQueryApi(rs);
  });
  afterAll(async () => {
    await q.close();
    await rs.close();
  });

  it('U1: fleet and per-product utilization add licenses up per seat kind, never across kinds', async () => {
    const r = await get(`/query/v1/reports/fleet?${range}`);
    // lic-c (a studio license with sessions) also has machine seats: each kind is its own series.
    expect(r.fleet.series.map((s: Json) => s.holder_kind)).toEqual(['machine', 'lease', 'session']);
    const fleetLeases = r.fleet.series[1];
    // 09:00-09:15 two seats (A1, A2), 09:15-09:30 none, 09:30-09:45 one (B1).
    expect(fleetLeases).toMatchObject({ cap: 5, peak: 2 });
    expect(fleetLeases.buckets[0]).toEqual({
      start: iso(T0),
      peak: 2,
      average: 0.75,
      seat_ms: 45 * MINUTE,
    });
    expect(r.products.map((p: Json) => [p.product_id, p.product_name, p.licenses])).toEqual([
      ['prod-1', 'Maya plug-in', 2],
      ['prod-2', 'Houdini plug-in', 1],
    ]);
    expect(r.products[1].series.map((s: Json) => [s.holder_kind, s.cap, s.peak])).toEqual([
      ['machine', 10, 0],
      ['session', 2, 1],
    ]);
    const one = await get(`/query/v1/reports/fleet?${range}&product_id=prod-2&kind=session`);
    expect(one.products).toHaveLength(1);
    const csv = await q.get(`/query/v1/reports/fleet?${range}&format=csv`, q.tokens.auditor);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe(
      'scope,product_id,product_name,holder_kind,cap,bucket_start,peak,average,seat_ms',
    );
    expect(lines).toContain(`fleet,,,lease,5,${iso(T0)},2,0.75,${45 * MINUTE}`);
    expect(lines).toContain(
      `product,prod-2,Houdini plug-in,session,2,${iso(T0)},1,0.333333,${20 * MINUTE}`,
    );
  });

  it('U2: denials by who: the machine or account refused, and why, most refused first', async () => {
    const r = await get(`/query/v1/reports/denials?${range}`);
    expect(r.total).toBe(3);
    expect(r.items).toEqual([
      {
        license_id: 'lic-a',
        product_id: 'prod-1',
        kind: 'checkout',
        reason: 'SEATS_EXHAUSTED',
        client: { type: 'machine', id: 'node-3' },
        count: 2,
        first_at: iso(T0),
        last_at: iso(T0 + 61_000),
      },
      {
        license_id: 'lic-c',
        product_id: 'prod-2',
        kind: 'session',
        reason: 'SEATS_EXHAUSTED',
        client: { type: 'service-account', id: 'bob' },
        count: 1,
        first_at: iso(T0 + 30 * MINUTE),
        last_at: iso(T0 + 30 * MINUTE),
      },
    ]);
    const own = await get(`/query/v1/licenses/lic-c/refusals`);
    expect(own.items).toMatchObject([{ client: { type: 'service-account', id: 'bob' } }]);
    const csv = await q.get(`/query/v1/reports/denials?${range}&format=csv&product_id=prod-1`);
    expect(csv.text.trim().split('\r\n')).toEqual([
      'license_id,product_id,kind,reason,client_type,client_id,count,first_at,last_at',
      `lic-a,prod-1,checkout,SEATS_EXHAUSTED,machine,node-3,2,${iso(T0)},${iso(T0 + 61_000)}`,
    ]);
    const refusals = await q.get(`/query/v1/reports/refusals?${range}&format=csv`);
    expect(refusals.text.trim().split('\r\n')).toEqual([
      'license_id,kind,reason,count',
      'lic-a,checkout,SEATS_EXHAUSTED,2',
      'lic-c,session,SEATS_EXHAUSTED,1',
    ]);
  });

  it('O7: expiring soon lists licenses whose deadline falls within the window, soonest first', async () => {
    // Studio licenses run 365 days from issue (09:00 on day 0).
    const none = await get('/query/v1/reports/expiring');
    expect(none.items).toEqual([]);
    rs.clock.advance(340 * DAY);
    const now = rs.clock.now();
    const token = await signAccessToken(q.tokens.ring, {
      issuer: 'test',
      subject: 'audrey',
      roles: ['auditor'],
      issuedAt: now,
      expiresAt: now + HOUR,
    });
    const later = async (url: string) => (await q.get(url, token)) as { body: Json; text: string };
    const soon = (await later('/query/v1/reports/expiring?within_days=30')).body;
    expect(soon.items.map((i: Json) => [i.license_id, i.product_name, i.days_left])).toEqual([
      ['lic-a', 'Maya plug-in', 24],
      ['lic-b', 'Maya plug-in', 24],
      ['lic-c', 'Houdini plug-in', 24],
    ]);
    const csv = await later(
      '/query/v1/reports/expiring?within_days=30&format=csv&product_id=prod-2',
    );
    expect(csv.text.trim().split('\r\n')[1]).toMatch(
      /^lic-c,Studio Nine,prod-2,Houdini plug-in,studio,/,
    );
    const utilization = await later(
      `/query/v1/reports/utilization?license_id=lic-a&${range}&format=csv`,
    );
    expect(utilization.text.split('\r\n')[0]).toBe(
      'license_id,holder_kind,cap,bucket_start,peak,average,seat_ms',
    );
  });
});
