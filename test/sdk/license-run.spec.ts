import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTs, type Running } from './support/child';
import { startWorld, type SdkWorld } from './support/sdk-server';

const CLI = 'libs/sdk/src/cli/license-run.ts';
const NODE = process.execPath;

describe('license-run, a job wrapper holding one floating seat (F1–F3)', () => {
  let world: SdkWorld;
  let dir: string;
  beforeAll(async () => {
    world = await startWorld();
    dir = mkdtempSync(join(tmpdir(), 'license-run-'));
  });
  afterAll(async () => {
    await world.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const wrap = (key: string, flags: readonly string[], command: readonly string[]): Running =>
    runTs(CLI, ['--server', world.api.url, ...flags, '--', ...command], { LICENSE_KEY: key });

  /** Whether another node could take a seat right now (then gives it back). */
  const seatFree = async (key: string): Promise<boolean> => {
    const out = await world.api.client(
      key,
      '/api/v1/license/floating/checkout',
      { fingerprint: 'probe' },
      { 'idempotency-key': `probe-${Math.random()}` },
    );
    if (out.status !== 200) return false;
    await world.api.client(
      key,
      '/api/v1/license/floating/checkin',
      { lease_token: out.body.lease_token },
      { 'idempotency-key': `probe-in-${Math.random()}` },
    );
    return true;
  };

  /** A command that writes its pid to `file`, then waits; SIGTERM makes it exit 5. */
  const longJob = (file: string) => [
    NODE,
    '-e',
    `process.on('SIGTERM', () => { require('fs').writeFileSync(${JSON.stringify(file)} + '.term', 'x'); process.exit(5); });` +
      `require('fs').writeFileSync(${JSON.stringify(file)}, String(process.pid));` +
      'setInterval(() => {}, 1000);',
  ];

  const pidIn = async (file: string): Promise<number> => {
    for (let i = 0; i < 400 && !existsSync(file); i++) await new Promise((r) => setTimeout(r, 25));
    return Number(readFileSync(file, 'utf8'));
  };

  it('F3: exits with the command’s own status, checks in, and the seat is free afterwards; the key is never printed', async () => {
    const { key, licenseId } = await world.license('render-farm', { max_floating_users: 1 });
    const run = wrap(
      key,
      ['--fingerprint', 'node-1'],
      [NODE, '-e', 'setTimeout(() => process.exit(3), 500)'],
    );
    await run.output(/checked out a floating seat/, 'stderr');
    expect(await seatFree(key)).toBe(false);
    const done = await run.finished;
    expect(done.code).toBe(3);
    expect(done.stderr).toContain('checked the seat in');
    expect(done.stderr).not.toContain(key);
    expect(await world.eventsOf(licenseId, 'LeaseCheckedIn.v1')).toHaveLength(1);
    expect(await seatFree(key)).toBe(true);
  });

  it('F3: a wrapped command killed with SIGKILL — the wrapper checks in at once (no 15-minute wait) and exits 137', async () => {
    const { key } = await world.license('render-farm', { max_floating_users: 1 });
    const pidFile = join(dir, 'killed.pid');
    const run = wrap(key, ['--fingerprint', 'node-2'], longJob(pidFile));
    process.kill(await pidIn(pidFile), 'SIGKILL');
    const done = await run.finished;
    expect(done.code).toBe(128 + 9);
    expect(done.stderr).toContain('checked the seat in');
    expect(await seatFree(key)).toBe(true);
  });

  it('F3: SIGTERM to the wrapper is forwarded to the command, awaited, then the seat is checked in', async () => {
    const { key } = await world.license('render-farm', { max_floating_users: 1 });
    const pidFile = join(dir, 'term.pid');
    const run = wrap(key, ['--fingerprint', 'node-3'], longJob(pidFile));
    await pidIn(pidFile);
    run.child.kill('SIGTERM');
    const done = await run.finished;
    expect(existsSync(`${pidFile}.term`)).toBe(true);
    expect(done.code).toBe(5);
    expect(done.stderr).toContain('forwarding SIGTERM to the command');
    expect(done.stderr).toContain('checked the seat in');
    expect(await seatFree(key)).toBe(true);
  });

  it('F4: no free seat with --fail-fast — exit 75 at once, the command never runs', async () => {
    const { key } = await world.license('render-farm', { max_floating_users: 1 });
    await world.client(key, { fingerprint: 'holder' }).checkout();
    const marker = join(dir, 'never-ran');
    const done = await wrap(
      key,
      ['--fingerprint', 'node-4', '--fail-fast'],
      [NODE, '-e', `require('fs').writeFileSync(${JSON.stringify(marker)}, 'ran')`],
    ).finished;
    expect(done.code).toBe(75);
    expect(done.stderr).toContain('SEATS_EXHAUSTED');
    expect(existsSync(marker)).toBe(false);
  });

  it('F4: no free seat with --wait — waits with a visible back-off, runs once a seat frees', async () => {
    const { key } = await world.license('render-farm', { max_floating_users: 1 });
    const holder = await world.client(key, { fingerprint: 'holder' }).checkout();
    const run = wrap(
      key,
      ['--fingerprint', 'node-5', '--wait', '--max-wait', '60'],
      [NODE, '-e', 'process.exit(0)'],
    );
    await run.output(/no free seat \(1 of 1 in use\); waiting [\d.]+ s/, 'stderr');
    await holder.release();
    const done = await run.finished;
    expect(done.code).toBe(0);
    expect(done.stderr).toContain('checked out a floating seat');
    expect(done.stderr).toContain('checked the seat in');
  });

  it('F4: --wait gives up after --max-wait with exit 75', async () => {
    const { key } = await world.license('render-farm', { max_floating_users: 1 });
    await world.client(key, { fingerprint: 'holder' }).checkout();
    const done = await wrap(
      key,
      ['--fingerprint', 'node-6', '--wait', '--max-wait', '2'],
      [NODE, '-e', 'process.exit(0)'],
    ).finished;
    expect(done.code).toBe(75);
    expect(done.stderr.match(/waiting/g)?.length).toBeGreaterThanOrEqual(1);
  });

  it('a license the server refuses (unknown key) exits 77, and the key is never printed', async () => {
    const bogus = 'LIC-NOT-A-REAL-KEY-0000';
    const done = await wrap(bogus, ['--fingerprint', 'node-7'], [NODE, '-e', '0']).finished;
    expect(done.code).toBe(77);
    expect(done.stderr).toMatch(/INVALID_LICENSE_KEY|LICENSE_NOT_FOUND/);
    expect(done.stderr).not.toContain(bogus);
  });

  it('bad arguments exit 64 with the usage', async () => {
    const done = await runTs(CLI, ['--wait', '--fail-fast', '--', 'true'], { LICENSE_KEY: 'k' })
      .finished;
    expect(done.code).toBe(64);
    expect(done.stderr).toContain('usage: license-run');
  });
});
