import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../../..');

/** A free loopback port (it may be taken again before it is used; tests retry nothing). */
export const freePort = () =>
  new Promise<number>((ok) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => ok(port));
    });
  });

export interface RunningSystem {
  readonly dir: string;
  readonly ports: { readonly command: number; readonly query: number; readonly projector: number };
  readonly commandUrl: string;
  readonly queryUrl: string;
  readonly adminToken: string;
  /** Everything the launcher printed. */
  readonly banner: string;
  /** SIGTERM, and the launcher's exit code. */
  stop(): Promise<number | null>;
}

/**
 * The whole system as `npm start` runs it — the launcher and its three processes — in a
 * temporary directory that is also the working directory, so every default (./data/…) lands
 * there. `compiled`: the launcher from dist (what `npm start` runs after `npm run build`);
 * otherwise from the TypeScript sources.
 */
export const startSystem = async (
  options: { compiled?: boolean; env?: Record<string, string> } = {},
): Promise<RunningSystem> => {
  const dir = mkdtempSync(join(tmpdir(), 'system-'));
  const ports = { command: await freePort(), query: await freePort(), projector: await freePort() };
  const launcher = options.compiled
    ? [join(root, 'dist/apps/launcher/src/main.js')]
    : [
        '-r',
        join(root, 'test/event-store/register-swc.js'),
        join(root, 'apps/launcher/src/main.ts'),
      ];
  if (options.compiled && !existsSync(launcher[0] ?? '')) {
    throw new Error('dist/apps/launcher/src/main.js is missing: run `npm run build` first');
  }
  const child: ChildProcess = spawn(process.execPath, launcher, {
    cwd: dir,
    env: {
      PATH: process.env.PATH ?? '',
      COMMAND_API_PORT: String(ports.command),
      QUERY_API_PORT: String(ports.query),
      PROJECTOR_PORT: String(ports.projector),
      PUBLIC_URL: `http://127.0.0.1:${ports.command}`,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  let errors = '';
  child.stderr?.on('data', (c: Buffer) => (errors += c.toString()));
  const banner = await new Promise<string>((ok, fail) => {
    let out = '';
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('Ctrl-C stops all three')) ok(out);
    });
    void exited.then((code) => fail(new Error(`the launcher exited ${code}: ${out}${errors}`)));
  });
  const adminToken = /admin token\s+(\S+)/.exec(banner)?.[1] ?? '';
  return {
    dir,
    ports,
    commandUrl: `http://127.0.0.1:${ports.command}`,
    queryUrl: `http://127.0.0.1:${ports.query}`,
    adminToken,
    banner,
    stop: async () => {
      child.kill('SIGTERM');
      const code = await exited;
      rmSync(dir, { recursive: true, force: true });
      return code;
    },
  };
};
