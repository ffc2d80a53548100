import { join } from 'node:path';
import pino from 'pino';
import { SystemClock } from '@lic/clock';
import { openSqliteEventStore } from '@lic/event-store';
import { openReadDb } from '@lic/read-models';
import { Projector } from '../../apps/projector/src/projector/projector';
import { createQueryApi, type QueryApi } from '../../apps/query-api/src/bootstrap';
import {
  configFor,
  issueLicense,
  startCommandApi,
  type Running,
} from '../../apps/command-api/test/harness';

/** A JSON body, navigated loosely in assertions. */
type Json = { readonly [key: string]: Json } & readonly Json[] & string;
/** The instant a seats answer is counted at (`at` would read as Array.prototype.at). */
const atOf = (j: Json): string => (j as unknown as { at: string }).at;

describe('the test clock drives the whole system', () => {
  jest.setTimeout(60_000);
  let command: Running;
  let query: QueryApi;
  let projector: Projector;
  let close: () => Promise<void>;

  beforeAll(async () => {
    command = await startCommandApi();
    const config = configFor(command.dir, { READ_DB: `sqlite:${join(command.dir, 'read.db')}` });
    const { eventStore } = openSqliteEventStore({
      file: join(command.dir, 'events.db'),
      clock: new SystemClock(),
    });
    const db = await openReadDb(config.READ_DB);
    projector = new Projector({
      eventStore,
      dataSource: db,
      clock: new SystemClock(),
      logger: pino({ level: 'silent' }),
      batchSize: 100,
    });
    projector.start();
    // The query API is built from the configuration alone, as main.ts builds it.
    query = await createQueryApi(config, { logger: false });
    await query.app.init();
    await query.app.getHttpAdapter().getInstance().ready();
    close = async () => {
      await query.close();
      await projector.close();
      await db.destroy();
      await eventStore.close();
      await command.close();
    };
  });
  afterAll(() => close());

  const seats = async (licenseId: string, after: string): Promise<Json> => {
    const res = await query.app.inject({
      method: 'GET',
      url: `/query/v1/licenses/${licenseId}/seats?after=${after}`,
      headers: { authorization: `Bearer ${command.adminToken}` },
    });
    expect(res.statusCode).toBe(200);
    return res.json();
  };

  it('F5: after POST /test/v1/clock/advance the query API’s live view is at the advanced instant: a lapsed lease is free, never held "since" a future date', async () => {
    const { licenseId, key } = await issueLicense(command, 'render-farm', {
      max_floating_users: 2,
    });
    const checkout = await command.client(
      key,
      '/api/v1/license/floating/checkout',
      { fingerprint: 'node-1' },
      { 'idempotency-key': 'clock-1' },
    );
    expect(checkout.status).toBe(200);
    const position = checkout.headers.get('x-event-position') ?? '';
    const before = await seats(licenseId, position);
    expect(before.seats.lease.in_use).toBe(1);
    const since = before.holders.leases[0].since;
    expect(since <= atOf(before)).toBe(true);

    await command.advance(20 * 60); // past the 15-minute floating timeout
    const commandNow = command.clock.now();
    const after = await seats(licenseId, position);
    expect(after.seats.lease).toMatchObject({ in_use: 0, available: 2 });
    expect(after.holders.leases).toEqual([]);
    expect(Date.parse(atOf(after))).toBeGreaterThanOrEqual(Date.parse(since) + 20 * 60_000);
    expect(Math.abs(Date.parse(atOf(after)) - commandNow)).toBeLessThan(10_000);
    const lapsed = await query.app.inject({
      method: 'GET',
      url: `/query/v1/licenses/${licenseId}/leases?state=all`,
      headers: { authorization: `Bearer ${command.adminToken}` },
    });
    const lease = (lapsed.json() as Json).items[0];
    expect(['lapsed', 'ended']).toContain(lease.state);
    expect(lease.checked_out_at <= atOf(after)).toBe(true);
  });
});
