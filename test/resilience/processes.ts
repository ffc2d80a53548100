import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';

const hook = resolve(__dirname, '../event-store/register-swc.js');
const commandApiMain = resolve(__dirname, '../../apps/command-api/src/main.ts');

export interface AppProcess {
  readonly child: ChildProcess;
  readonly url: string;
  readonly token: string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** A command-api process on `dir` (embedded store), started from the TypeScript sources. */
export const startCommandApiProcess = (
  dir: string,
  env: Record<string, string> = {},
): Promise<AppProcess> =>
  new Promise((ok, fail) => {
    const child = spawn(process.execPath, ['-r', hook, commandApiMain], {
      env: {
        ...process.env,
        DATA_DIR: dir,
        EVENT_STORE: `sqlite:${join(dir, 'events.db')}`,
        SIGNING_KEYS_DIR: join(dir, 'keys'),
        COMMAND_API_PORT: '0',
        LOG_LEVEL: 'error',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
      child.once('exit', (code, signal) => r({ code, signal })),
    );
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /command API\s+(http:\/\/\S+)/.exec(out)?.[1];
      const token = /admin token\s+(\S+)/.exec(out)?.[1];
      if (url && token) ok({ child, url, token, exited });
    });
    void exited.then(({ code }) =>
      fail(new Error(`command-api exited (${code}) before it was ready: ${out}`)),
    );
  });

export const postJson = async (url: string, headers: Record<string, string>, body: unknown) => {
  const r = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
};
