import pino from 'pino';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { presets } from '@lic/domain';
import { Projector } from '../../apps/projector/src/projector/projector';
import { failOnPageErrors, launchChromium, screenshot, VIEWPORTS } from './support/browser';
import { MINUTE, openReadSide, type ReadSide } from './support/harness';
import { admin, commands, policies } from './support/license-world';
import { startQueryApi, type QueryApiUnderTest } from './support/query-api-harness';
import { describeOnReadDbs } from './support/read-dbs';
import { caughtUp } from './support/wait';

const T = { timeout: 15_000 };
/** How far the page is wider than the viewport (runs in the page). */
const OVERFLOW = 'document.documentElement.scrollWidth - window.innerWidth';

describeOnReadDbs('seat dashboard', (kind) => {
  let rs: ReadSide;
  let q: QueryApiUnderTest;
  let projector: Projector;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    rs = await openReadSide(kind);
    const w = rs.world;
    await w.product('prod-1', 'Maya plug-in');
    await w.product('prod-2', 'Houdini plug-in');
    await w.issue('lic-f', policies.floating(3, 15), 'prod-1', 'render-farm', 'Pixel Farm');
    await w.issue('lic-m', policies.machines(2), 'prod-1', 'studio', 'Studio Nine');
    await w.issue('lic-site', presets.site, 'prod-2', 'site', 'Big Corp');
    await w.issue('lic-s', policies.sessions(3), 'prod-2', 'studio', 'Acme Films');
    await w.run('lic-s', commands.reserve('boss'), admin);
    await w.run('lic-f', commands.checkout('L1', 'render-node-01'));
    await w.run('lic-site', commands.activate('fp-7d2a91', 1, 'hq-ws-1.bigcorp.lan'));
    await w.run('lic-s', commands.open('s1', 'boss'));
    await w.run('lic-s', commands.open('s2', 'ci-bot', 'service'));
    await w.run('lic-s', commands.open('s3', 'ann'));
    await w.run('lic-s', commands.open('s4', 'bob')); // refused: the shared pool is full
    w.advance(5 * MINUTE);
    projector = new Projector({
      eventStore: rs.eventStore,
      dataSource: rs.db,
      clock: rs.clock,
      logger: pino({ level: 'silent' }),
      batchSize: 100,
    });
    projector.start();
    await caughtUp(rs.db, w.lastPosition);
    q = await startQueryApi(rs);
    await q.app.listen(0, '127.0.0.1');
    base = (await q.app.getUrl()).replace('[::1]', '127.0.0.1');
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await q?.close();
    await projector?.close();
    await rs?.close();
  });

  /** A browser tab that has signed in through the login page. */
  const signedIn = async (viewport: { width: number; height: number }, hash = '') => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const errors = failOnPageErrors(page);
    await page.goto(`${base}/dashboard${hash}`);
    await page.waitForURL(/\/dashboard\/login/, T);
    await page.fill('#token', q.tokens.admin);
    await page.click('button[type=submit]');
    await page.locator('#live.on').waitFor(T);
    return { context, page, errors };
  };
  const done = async (s: { context: BrowserContext; errors: string[] }) => {
    await s.context.close();
    expect(s.errors).toEqual([]);
  };
  const seats = (page: Page, id: string, k: string) => page.getByTestId(`seats-${id}-${k}`).first();

  it('A2: without a session the browser gets the login page, never a raw 401; the session survives a reload', async () => {
    const s = await signedIn(VIEWPORTS.desktop);
    const cookie = (await s.context.cookies()).find((c) => c.name === 'license_dashboard');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    await s.page.reload();
    await s.page.locator('#live.on').waitFor(T);
    expect(new URL(s.page.url()).pathname).toBe('/dashboard');
    await s.page.click('#logout');
    await s.page.waitForURL(/\/dashboard\/login/, T);
    await done(s);
    // The link npm start prints: the token goes into the cookie and out of the address bar.
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/dashboard?access_token=${q.tokens.admin}`);
    await page.locator('#live.on').waitFor(T);
    expect(new URL(page.url()).search).toBe('');
    await context.close();
  });

  it('A2: licensee and product names, search, filter and sort; totals by product and seat kind; unlimited shown as such; refusals say who', async () => {
    const s = await signedIn(VIEWPORTS.desktop);
    const { page } = s;
    await seats(page, 'lic-f', 'lease').filter({ hasText: '1 / 3' }).waitFor(T);
    const row = page.locator('tr[data-license="lic-f"]');
    expect(await row.textContent()).toContain('Pixel Farm');
    expect(await row.textContent()).toContain('Maya plug-in');
    expect(await seats(page, 'lic-site', 'machine').textContent()).toBe('1 in use · unlimited');
    expect(await seats(page, 'lic-s', 'session').textContent()).toBe('3 / 3');
    // Totals: per product and seat kind, never machines + leases + sessions in one figure.
    expect(await page.getByTestId('total-All products-lease').textContent()).toContain('1 / 3');
    expect(await page.getByTestId('total-Houdini plug-in-machine').textContent()).toContain(
      'unlimited',
    );
    expect(await page.locator('#totals').textContent()).not.toMatch(/seats in use/i);
    await page.locator('#refusals li', { hasText: 'user bob' }).waitFor(T);
    expect(await page.locator('#refusals').textContent()).toContain('SEATS_EXHAUSTED');

    await page.fill('#f-search', 'acme');
    expect(await page.locator('#license-rows tr').count()).toBe(1);
    await page.fill('#f-search', '');
    await page.selectOption('#f-product', 'prod-2');
    expect(
      await page
        .locator('#license-rows tr')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-license'))),
    ).toEqual(['lic-s', 'lic-site']);
    await page.selectOption('#f-product', '');
    await page.click('button[data-sort="licensee"]'); // already ascending: now descending
    expect(await page.locator('#license-rows tr').first().getAttribute('data-license')).toBe(
      'lic-m',
    );
    await page.click('button[data-sort="licensee"]');
    await screenshot(page, `dashboard-overview-desktop-${kind}`);

    // Live: a checkout elsewhere shows up without a reload.
    await rs.world.run('lic-f', commands.checkout('L2', 'render-node-02'));
    await seats(page, 'lic-f', 'lease').filter({ hasText: '2 / 3' }).waitFor(T);
    await done(s);
  });

  it('A2: a license page (bookmarkable) shows who holds each seat since when, who was refused, and utilization on a time axis', async () => {
    const s = await signedIn(VIEWPORTS.desktop, '#/licenses/lic-s');
    const { page } = s;
    await page.locator('#l-name', { hasText: 'Acme Films' }).waitFor(T);
    const holders = page.locator('#l-holders');
    await holders.locator('tr[data-holder="ci-bot"]').waitFor(T);
    expect(await holders.locator('tr[data-holder="ci-bot"]').textContent()).toContain(
      'Service account',
    );
    expect(await holders.locator('tr[data-holder="boss"]').textContent()).toMatch(
      /User session.*2026-03-02 09:00 UTC \(5 min ago\)/,
    );
    await page.locator('#l-refusals li', { hasText: 'user bob' }).waitFor(T);
    await page
      .locator('#l-chart .u-axis')
      .first()
      .waitFor({ state: 'attached', ...T });
    // uPlot draws its axes on a canvas: a time axis (UTC hours) and a seats axis.
    expect(await page.locator('#l-chart').getAttribute('aria-label')).toContain('UTC');
    await page.locator('#l-chart canvas').waitFor({ state: 'attached', ...T });
    expect(await page.locator('#l-chart-legend').textContent()).toMatch(/Sessions: peak 3/);
    await screenshot(page, `dashboard-license-desktop-${kind}`);
    await page.reload();
    await page.locator('#l-name', { hasText: 'Acme Films' }).waitFor(T);
    // A machine shows by its name, with its fingerprint beside it.
    await page.goto(`${base}/dashboard#/licenses/lic-site`);
    const machine = page.locator('#l-holders tr[data-holder="hq-ws-1.bigcorp.lan"]');
    await machine.waitFor(T);
    expect(await machine.textContent()).toContain('fingerprint fp-7d2a91');
    expect(await page.getByTestId('license-seats-machine').textContent()).toContain('unlimited');
    await done(s);
  });

  it('A2: usable on a phone: one column, license rows as cards, nothing wider than the screen', async () => {
    const s = await signedIn(VIEWPORTS.phone);
    const { page } = s;
    await seats(page, 'lic-f', 'lease').waitFor(T);
    const overflow = await page.evaluate<number>(OVERFLOW);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await page.locator('#license-head').isVisible()).toBe(false); // cards, not a table
    await screenshot(page, `dashboard-overview-phone-${kind}`);
    await page.goto(`${base}/dashboard#/licenses/lic-f`);
    await page.locator('#l-holders tr[data-holder="render-node-01"]').waitFor(T);
    await page
      .locator('#l-chart .u-axis')
      .first()
      .waitFor({ state: 'attached', ...T });
    expect(await page.evaluate<number>(OVERFLOW)).toBeLessThanOrEqual(0);
    await screenshot(page, `dashboard-license-phone-${kind}`);
    await done(s);
  });

  it('A2: a non-admin token is sent back to the login page with the reason; the stream refuses without a session', async () => {
    const res = await q.app.inject({
      method: 'GET',
      url: `/dashboard?access_token=${q.tokens.auditor}`,
    });
    expect([res.statusCode, res.headers['location']]).toEqual([
      303,
      '/dashboard/login?reason=forbidden',
    ]);
    const none = await q.app.inject({ method: 'GET', url: '/dashboard' });
    expect([none.statusCode, none.headers['location']]).toEqual([303, '/dashboard/login']);
    const bad = await q.app.inject({
      method: 'POST',
      url: '/dashboard/session',
      payload: { token: 'nope' },
    });
    expect(bad.statusCode).toBe(401);
    expect((await fetch(`${base}/query/v1/dashboard/stream`)).status).toBe(401);
  });
});
