import { existsSync } from 'node:fs';
import pino from 'pino';
import { chromium, type Browser } from 'playwright-core';
import { Projector } from '../../apps/projector/src/projector/projector';
import { openReadSide, type ReadSide } from './support/harness';
import { commands, policies } from './support/license-world';
import { startQueryApi, type QueryApiUnderTest } from './support/query-api-harness';
import { describeOnReadDbs } from './support/read-dbs';
import { caughtUp } from './support/wait';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

describeOnReadDbs('seat dashboard', (kind) => {
  let rs: ReadSide;
  let q: QueryApiUnderTest;
  let projector: Projector;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`${CHROMIUM} is missing: apt-get update && apt-get install -y chromium`);
    }
    rs = await openReadSide(kind);
    await rs.world.product('prod-1');
    await rs.world.issue('lic-f', policies.floating(3, 15));
    await rs.world.issue('lic-m', policies.machines(2));
    await rs.world.run('lic-f', commands.checkout('L1'));
    projector = new Projector({
      eventStore: rs.eventStore,
      dataSource: rs.db,
      clock: rs.clock,
      logger: pino({ level: 'silent' }),
      batchSize: 100,
    });
    projector.start();
    await caughtUp(rs.db, rs.world.lastPosition);
    q = await startQueryApi(rs);
    await q.app.listen(0, '127.0.0.1');
    base = (await q.app.getUrl()).replace('[::1]', '127.0.0.1');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await q?.close();
    await projector?.close();
    await rs?.close();
  });

  it('A2: the dashboard shows occupancy per license and updates it live when a seat is taken', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${base}/dashboard?access_token=${q.tokens.admin}`);
      const lease = page.getByTestId('seats-lic-f-lease');
      await lease.filter({ hasText: '1 / 3' }).waitFor({ timeout: 10_000 });
      expect(await page.getByTestId('seats-lic-m-machine').textContent()).toBe('0 / 2');
      expect(new URL(page.url()).search).toBe(''); // the token left the address bar

      // A checkout, through the domain and the event store; the projector and the event
      // stream do the rest.
      await rs.world.run('lic-f', commands.checkout('L2'));
      await lease.filter({ hasText: '2 / 3' }).waitFor({ timeout: 10_000 });

      await rs.world.run('lic-m', commands.activate('ws-1'));
      await rs.world.run('lic-m', commands.activate('ws-2'));
      await rs.world.run('lic-m', commands.activate('ws-3')); // refused: full
      await page
        .getByTestId('seats-lic-m-machine')
        .filter({ hasText: '2 / 2' })
        .waitFor({ timeout: 10_000 });
      await page
        .locator('#refusals li', { hasText: 'SEATS_EXHAUSTED' })
        .waitFor({ timeout: 10_000 });
      await page.locator('#chart polyline').first().waitFor({ state: 'attached', timeout: 10_000 });
    } finally {
      await page.close();
    }
  });

  it('A2: the dashboard and its stream refuse a missing or non-admin token', async () => {
    expect((await q.get('/dashboard', null)).status).toBe(401);
    expect((await q.get(`/dashboard?access_token=${q.tokens.auditor}`, null)).status).toBe(403);
    const stream = await fetch(`${base}/query/v1/dashboard/stream?access_token=bad`);
    expect(stream.status).toBe(401);
  });
});
