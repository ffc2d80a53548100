import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SystemClock } from '@lic/clock';
import { openSqliteEventStore } from '@lic/event-store';
import { openKeyRing, verifyAccessToken } from '@lic/signing';

const hook = resolve(__dirname, '../../../test/event-store/register-swc.js');
const cli = resolve(__dirname, '../src/cli/admin-token.ts');

/** npm run admin:token, as an operator runs it (here from the sources). */
describe('npm run admin:token', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'admin-token-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['-r', hook, cli, ...args], {
      env: {
        ...process.env,
        DATA_DIR: dir,
        EVENT_STORE: `sqlite:${join(dir, 'events.db')}`,
        SIGNING_KEYS_DIR: join(dir, 'keys'),
      },
      encoding: 'utf8',
      timeout: 60_000,
    });

  it('--help prints the usage and does nothing else (no key is created)', () => {
    const out = run('--help');
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/^usage: npm run -s admin:token/);
    expect(out.stdout).toMatch(/exit codes:/);
    expect(existsSync(join(dir, 'keys'))).toBe(false);
  });

  it('prints one token, signed with the installation key, for the role and lifetime asked', async () => {
    const out = run('--role', 'auditor', '--ttl-hours', '2', '--subject', 'jane');
    expect(out.status).toBe(0);
    const lines = out.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const ring = await openKeyRing({ dir: join(dir, 'keys'), now: 0 });
    const now = Date.now();
    const verified = await verifyAccessToken(ring, lines[0]!, now);
    expect(verified).toMatchObject({ kind: 'valid', subject: 'jane', roles: ['auditor'] });
    const expiresAt = verified.kind === 'valid' ? verified.expiresAt : 0;
    expect(Math.abs(expiresAt - (now + 2 * 3_600_000))).toBeLessThan(120_000);
  });

  it('records the token it prints (AdminTokenIssued.v1 by system:admin-token-cli, never the token)', async () => {
    const out = run('--role', 'admin', '--subject', 'ops', '--label', 'on-call laptop');
    expect(out.status).toBe(0);
    const token = out.stdout.trim();
    const ring = await openKeyRing({ dir: join(dir, 'keys'), now: 0 });
    const verified = await verifyAccessToken(ring, token, Date.now());
    const { eventStore } = openSqliteEventStore({
      file: join(dir, 'events.db'),
      clock: new SystemClock(),
    });
    const events = [];
    for await (const e of eventStore.readAll()) events.push(e);
    await eventStore.close();
    expect(events.map((e) => [e.streamName, e.type])).toEqual([
      ['admin-tokens-all', 'AdminTokenIssued.v1'],
    ]);
    expect(events[0]?.data).toMatchObject({
      tokenId: verified.kind === 'valid' ? verified.tokenId : 'not valid',
      roles: ['admin'],
      subject: 'ops',
      label: 'on-call laptop',
      actor: { kind: 'system', id: 'admin-token-cli' },
    });
    expect(JSON.stringify(events[0]?.data)).not.toContain(token.split('.')[2]);
  });

  it.each([['--role', 'root'], ['--ttl-hours', '0'], ['--label', 'x'.repeat(101)], ['--bogus']])(
    'refuses %s naming it, with exit code 64',
    (...args) => {
      const out = run(...args);
      expect(out.status).toBe(64);
      expect(out.stderr).toContain(args[0]);
      expect(out.stdout).toBe('');
      expect(existsSync(join(dir, 'events.db'))).toBe(false);
    },
  );
});
