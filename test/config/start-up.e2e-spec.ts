import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const hook = resolve(__dirname, '../event-store/register-swc.js');
const main = (app: string) => resolve(__dirname, `../../apps/${app}/src/main.ts`);

/** Runs an app's main from `cwd` until it exits (or is ready: then it is stopped). */
const run = (app: string, cwd: string, env: Record<string, string> = {}) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((ok) => {
    const child = spawn(process.execPath, ['-r', hook, main(app)], {
      cwd,
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
      if (/command API\s+http/.test(stdout)) child.kill('SIGTERM');
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('exit', (code) => ok({ code, stdout, stderr }));
  });

const occupied = () =>
  new Promise<{ server: Server; port: number }>((ok) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      ok({ server, port: typeof address === 'object' && address ? address.port : 0 });
    });
  });

describe('start-up configuration', () => {
  jest.setTimeout(60_000);
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'start-up-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('A2: a port in use stops the command API with one line naming the variable; nothing says it started', async () => {
    const { server, port } = await occupied();
    try {
      const r = await run('command-api', dir, { COMMAND_API_PORT: String(port) });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(
        `COMMAND_API_PORT=${port}: 127.0.0.1:${port} is already in use by another process`,
      );
      expect(r.stdout).not.toMatch(/successfully started|admin token/);
    } finally {
      server.close();
    }
  });

  it('A2: npm start checks every port before it starts anything, naming the variable', async () => {
    const { server, port } = await occupied();
    try {
      const busy = await run('launcher', dir, { QUERY_API_PORT: String(port) });
      expect(busy.code).toBe(1);
      expect(busy.stderr).toContain(`QUERY_API_PORT=${port}: 127.0.0.1:${port} is already in use`);
      expect(busy.stdout).not.toContain('command API');
      const same = await run('launcher', dir, { COMMAND_API_PORT: '4100', QUERY_API_PORT: '4100' });
      expect(same.code).toBe(1);
      expect(same.stderr).toContain('COMMAND_API_PORT and QUERY_API_PORT are both 4100');
    } finally {
      server.close();
    }
  });

  it('A2: .env in the working directory is read: its port clash is reported under its name', async () => {
    const { server, port } = await occupied();
    try {
      writeFileSync(join(dir, '.env'), `# local\nQUERY_API_PORT=${port}\n`);
      const r = await run('query-api', dir);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`QUERY_API_PORT=${port}: 127.0.0.1:${port} is already in use`);
    } finally {
      server.close();
    }
  });

  it('A2: .env values are validated like the rest; the environment wins over the file', async () => {
    writeFileSync(join(dir, '.env'), 'PUBLIC_URL=localhost:3000\n');
    const bad = await run('command-api', dir, { COMMAND_API_PORT: '0' });
    expect(bad.code).toBe(78);
    expect(bad.stderr.trim()).toBe(
      'invalid configuration: PUBLIC_URL="localhost:3000" is not an http:// or https:// URL with a host (e.g. http://127.0.0.1:3000)',
    );
    const good = await run('command-api', dir, {
      COMMAND_API_PORT: '0',
      PUBLIC_URL: 'http://127.0.0.1:3000',
    });
    expect(good.stdout).toMatch(/command API\s+http:\/\/127\.0\.0\.1:\d+/);
  });

  it('A2: a name in .env that no app reads stops start-up (exit 78) instead of being ignored', async () => {
    writeFileSync(join(dir, '.env'), 'COMAND_API_PORT=4000\n');
    const r = await run('projector', dir);
    expect(r.code).toBe(78);
    expect(r.stderr).toContain('sets COMAND_API_PORT, which no app reads');
  });

  it('A2: an empty HOST is refused, not read as the default', async () => {
    const r = await run('command-api', dir, { HOST: '', COMMAND_API_PORT: '0' });
    expect(r.code).toBe(78);
    expect(r.stderr).toContain('HOST is set but empty');
  });
});
