import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../..');
const hook = join(root, 'test/event-store/register-swc.js');

/** Every command-line program of the project, as its npm script runs it (from the sources here). */
const programs: readonly (readonly [string, string])[] = [
  ['npm start', 'apps/launcher/src/main.ts'],
  ['command-api', 'apps/command-api/src/main.ts'],
  ['projector', 'apps/projector/src/main.ts'],
  ['query-api', 'apps/query-api/src/main.ts'],
  ['keys:rotate', 'apps/command-api/src/rotate-keys.ts'],
  ['admin:token', 'apps/command-api/src/cli/admin-token.ts'],
  ['esdb:test-server', 'libs/event-store/src/test-server/main.ts'],
  ['projector:rebuild', 'apps/projector/src/cli/rebuild.ts'],
  ['audit:verify', 'apps/projector/src/cli/audit-verify.ts'],
  ['audit:export', 'apps/command-api/src/cli/audit-export.ts'],
  ['audit:verify-export', 'libs/sdk/src/cli/audit-verify-export.ts'],
  ['store:copy', 'apps/launcher/src/copy-store.ts'],
  ['license-run', 'libs/sdk/src/cli/license-run.ts'],
];

/** Runs a program in an empty directory with the defaults (./data); killed if it lingers. */
const run = (file: string, args: string[]) =>
  new Promise<{ code: number | null; stdout: string; stderr: string; left: string[] }>((ok) => {
    const cwd = mkdtempSync(join(tmpdir(), 'cli-'));
    const child = spawn(process.execPath, ['-r', hook, join(root, file), ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      const left = readdirSync(cwd);
      rmSync(cwd, { recursive: true, force: true });
      ok({ code, stdout, stderr, left });
    });
  });

describe('command-line programs', () => {
  jest.setTimeout(120_000);

  it.each(programs)(
    '%s --help prints its options and exit codes, and does nothing else',
    async (_, file) => {
      const r = await run(file, ['--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^usage: /);
      expect(r.stdout).toMatch(/--version\s+print the version and exit/);
      expect(r.stdout).toMatch(/exit codes:\s*\n\s+0 /);
      expect(r.stdout).toMatch(/\b64\b.*(usage|bad arguments)/);
      expect(r.stderr).toBe('');
      expect(r.left).toEqual([]);
    },
  );

  it.each(programs)('%s --version prints the version and does nothing else', async (_, file) => {
    const r = await run(file, ['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\((license-server|@licensing\/sdk) \d+\.\d+\.\d+\)\n$/);
    expect(r.left).toEqual([]);
  });

  it.each(programs.filter(([name]) => name !== 'license-run'))(
    '%s refuses an unknown option with exit 64 before it reads or writes anything',
    async (_, file) => {
      const r = await run(file, ['--frobnicate']);
      expect(r.code).toBe(64);
      expect(r.stderr).toContain("Unknown option '--frobnicate'");
      expect(r.left).toEqual([]);
    },
  );
});
