import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchChromium } from '../read-side/support/browser';

const hook = resolve(__dirname, '../event-store/register-swc.js');
const launcher = resolve(__dirname, '../../apps/launcher/src/main.ts');

const freePort = () =>
  new Promise<number>((ok) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => ok(port));
    });
  });

const call = async (
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
) => {
  const r = await fetch(url, {
    method: init.method ?? 'GET',
    headers: { ...(init.body ? { 'content-type': 'application/json' } : {}), ...init.headers },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  const text = await r.text();
  return {
    status: r.status,
    headers: r.headers,
    text,
    json: () => JSON.parse(text) as Record<string, never>,
  };
};

describe('npm start: the whole system on the embedded defaults', () => {
  jest.setTimeout(120_000);

  it('A2: command API, projector and query API start together; a checkout through the command API shows on the query API and, live, on the dashboard', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'system-'));
    const [command, query, projector] = [await freePort(), await freePort(), await freePort()];
    const child = spawn(process.execPath, ['-r', hook, launcher], {
      env: {
        ...process.env,
        DATA_DIR: dir,
        EVENT_STORE: `sqlite:${join(dir, 'events.db')}`,
        READ_DB: `sqlite:${join(dir, 'read.db')}`,
        SIGNING_KEYS_DIR: join(dir, 'keys'),
        COMMAND_API_PORT: String(command),
        QUERY_API_PORT: String(query),
        PROJECTOR_PORT: String(projector),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    try {
      const banner = await new Promise<string>((ok, fail) => {
        let out = '';
        child.stdout?.on('data', (c: Buffer) => {
          out += c.toString();
          if (out.includes('Ctrl-C stops all three')) ok(out);
        });
        void exited.then((code) => fail(new Error(`launcher exited ${code}: ${out}`)));
      });
      const token = /admin token\s+(\S+)/.exec(banner)?.[1] ?? '';
      expect(banner).toContain(`http://127.0.0.1:${command}`);
      expect(banner).toContain(`http://127.0.0.1:${query}/dashboard?access_token=`);
      const admin = { authorization: `Bearer ${token}` };
      const base = `http://127.0.0.1:${command}`;
      expect(
        (
          await call(`${base}/admin/v1/products`, {
            method: 'POST',
            headers: admin,
            body: { name: 'Farm', product_id: 'farm' },
          })
        ).status,
      ).toBe(201);
      const issued = (
        await call(`${base}/admin/v1/licenses`, {
          method: 'POST',
          headers: admin,
          body: { product_id: 'farm', variant_id: 'render-farm', seats: { max_floating_users: 3 } },
        })
      ).json();
      const checkout = await call(`${base}/api/v1/license/floating/checkout`, {
        method: 'POST',
        headers: { authorization: `License ${issued.license_key}`, 'idempotency-key': 'k1' },
        body: { fingerprint: 'node-1' },
      });
      expect(checkout.status).toBe(200);
      const position = checkout.headers.get('x-event-position') ?? '';
      const seats = await call(
        `http://127.0.0.1:${query}/query/v1/licenses/${issued.license_id}/seats?after=${position}`,
        { headers: admin },
      );
      expect(seats.status).toBe(200);
      expect(JSON.stringify(seats.json())).toMatch(/"lease":\{[^}]*"in_use":1/);
      // The printed link signs the browser in: the token goes into an HttpOnly cookie.
      const dashboard = await fetch(`http://127.0.0.1:${query}/dashboard?access_token=${token}`, {
        redirect: 'manual',
      });
      expect(dashboard.status).toBe(303);
      expect(dashboard.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict/);
      expect((await call(`http://127.0.0.1:${projector}/health`)).status).toBe(200);

      // A2: the seat dashboard in headless Chromium, updated live by a checkout made through
      // the command API.
      const browser = await launchChromium();
      try {
        const page = await browser.newPage();
        await page.goto(`http://127.0.0.1:${query}/dashboard?access_token=${token}`);
        const leases = page.getByTestId(`seats-${issued.license_id}-lease`);
        await leases.filter({ hasText: '1 / 3' }).waitFor({ timeout: 15_000 });
        const second = await call(`${base}/api/v1/license/floating/checkout`, {
          method: 'POST',
          headers: { authorization: `License ${issued.license_key}`, 'idempotency-key': 'k2' },
          body: { fingerprint: 'node-2' },
        });
        expect(second.status).toBe(200);
        await leases.filter({ hasText: '2 / 3' }).waitFor({ timeout: 15_000 });
      } finally {
        await browser.close();
      }
    } finally {
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
