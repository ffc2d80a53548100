import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startSystem, type RunningSystem } from '../api-docs/support/system';

/**
 * The README's "A first session" runs as written. Its runnable blocks are the ```bash blocks
 * marked `<!-- first-session: <name> -->`; they run in order, in one bash with
 * `set -euo pipefail`, in the directory `npm start` was started from, against the system as
 * `npm start` runs it (the compiled launcher: CI runs `npm run build` first). The only change:
 * the README's ports 3000 and 3001 become free ports, so parallel runs do not collide.
 */
const readme = readFileSync(resolve(__dirname, '../../README.md'), 'utf8');
const start = readme.indexOf('## A first session');
const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
const blocks = [
  ...section.matchAll(/<!-- first-session: ([\w-]+) -->\s*```bash\n([\s\S]*?)```/g),
].map(([, name = '', code = '']) => ({ name, code }));

const json = (text: string): Record<string, unknown> => JSON.parse(text) as Record<string, unknown>;
/** Consecutive pretty-printed JSON documents (jq's output), one per top-level `{…}`. */
const documents = (text: string) =>
  text
    .split(/\n(?=\{)/)
    .filter((t) => t.trim().startsWith('{'))
    .map(json);

describe('README: A first session', () => {
  jest.setTimeout(180_000);
  let system: RunningSystem;
  beforeAll(async () => {
    system = await startSystem({ compiled: true });
  });
  afterAll(async () => {
    expect(await system?.stop()).toBe(0);
  });

  it('A2: the section has its install block and marked, runnable blocks, and nothing else', () => {
    const all = [...section.matchAll(/```bash\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(all[0]).toBe('npm ci\nnpm start\n');
    expect(blocks.map((b) => b.name)).toEqual([
      'product',
      'license',
      'checkout',
      'seats',
      'checkin',
      'sessions',
      'licenses',
      'tokens',
    ]);
    expect(all).toHaveLength(blocks.length + 1);
  });

  it('A2: every block runs as written, from `npm start` to the licenses the dashboard lists by name', () => {
    const { command, query } = system.ports;
    const script = [
      'set -euo pipefail',
      ...blocks.flatMap((b) => [`printf '\\n@@%s@@\\n' ${b.name}`, b.code]),
    ]
      .join('\n')
      .replace(/localhost:3000\b/g, `localhost:${command}`)
      .replace(/localhost:3001\b/g, `localhost:${query}`);
    expect(script).not.toMatch(/localhost:30\d\d\b/);
    const file = join(system.dir, 'first-session.sh');
    writeFileSync(file, script);
    const started = performance.now();
    const run = spawnSync('bash', [file], {
      cwd: system.dir,
      env: { PATH: process.env.PATH ?? '' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(
      `README first session: ${blocks.length} blocks in ${seconds.toFixed(1)} s\n`,
    );
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });

    const out = Object.fromEntries(
      run.stdout
        .split(/\n@@([\w-]+)@@\n/)
        .slice(1)
        .reduce<[string, string][]>((pairs, part, i, parts) => {
          if (i % 2 === 0) pairs.push([part, parts[i + 1] ?? '']);
          return pairs;
        }, []),
    );
    expect(json(out.product ?? '')).toMatchObject({
      product_id: 'maya',
      variants: ['indie', 'studio', 'render-farm', 'site', 'trial', 'user-sessions'],
    });
    expect(out.license).toMatch(/^license lic\w+, key lk_lic\w+_[\w-]+\n$/);
    const checkout = out.checkout ?? '';
    expect(checkout).toMatch(/^HTTP\/1\.1 200 OK\r$/m);
    expect(checkout).toMatch(/^x-event-position: \d+\r$/m);
    expect(json(checkout.trim().split('\n').at(-1) ?? '')).toMatchObject({
      type: 'floating.checkout',
      fingerprint: 'render-node-07',
      lease_token: expect.stringMatching(/^llt_/),
      envelope: expect.stringMatching(/^ey/),
    });
    const seats = JSON.stringify(json(out.seats ?? ''));
    expect(seats).toMatch(/"lease":\{[^}]*"in_?[uU]se":1/);
    expect(seats).toContain('"fingerprint":"render-node-07"');
    expect(json(out.checkin ?? '')).toMatchObject({ type: 'floating.checkin' });
    const [reserved, session] = documents(out.sessions ?? '');
    expect(reserved).toMatchObject({ recorded: ['ReservedAccountsSet.v1'] });
    expect(session).toMatchObject({ username: 'anna', kind: 'interactive', pool: 'shared' });
    expect((out.licenses ?? '').split('\n').filter(Boolean).sort()).toEqual([
      'Acme Render',
      'Initech',
    ]);
    const [auditor, printed, revoked, refused, ...rest] = (out.tokens ?? '').trim().split('\n');
    expect([auditor, printed, rest]).toEqual([
      'audit-team auditor active admin:bootstrap-admin',
      'bootstrap-admin admin active system:launcher',
      [],
    ]);
    expect(revoked).toMatch(/^tok\w+ revoked at \d{4}-\d\d-\d\dT[\d:.]+Z$/);
    expect(refused).toBe('TOKEN_REVOKED');
  });

  it('A2: the dashboard link npm start printed opens the dashboard', async () => {
    // The launcher's last line with the link carries the real token.
    const links = [...system.banner.matchAll(/dashboard\s+(http:\/\/\S+access_token=ey\S+)/g)];
    const link = links.at(-1)?.[1] ?? '';
    expect(link).toContain(`127.0.0.1:${system.ports.query}/dashboard`);
    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
  });
});
