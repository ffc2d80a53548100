import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { SystemClock } from '@lic/clock';
import { mintAdminToken } from '../../apps/command-api/src/cli/mint-admin-token';

const hook = resolve(__dirname, '../event-store/register-swc.js');
const commandApiMain = resolve(__dirname, '../../apps/command-api/src/main.ts');

export interface AppProcess {
  readonly child: ChildProcess;
  readonly url: string;
  readonly token: string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * An admin token for the installation whose signing keys are in `keysDir`, recorded in the
 * embedded store `eventsDb` (what npm run admin:token does).
 */
export const adminTokenFor = (keysDir: string, eventsDb: string): Promise<string> =>
  mintAdminToken(
    {
      SIGNING_KEYS_DIR: keysDir,
      SIGNING_PRIVATE_KEY_FILE: undefined,
      PUBLIC_URL: 'test',
      EVENT_STORE: { kind: 'sqlite', file: eventsDb },
      EVENT_STORE_DEADLINE_MS: 5_000,
    },
    new SystemClock(),
    { role: 'admin', subject: 'test-admin', ttlHours: 1, mintedBy: 'test' },
  );

/**
 * A command-api process on `dir` (embedded store), started from the TypeScript sources, with
 * an admin token minted from its key directory.
 */
export const startCommandApiProcess = async (
  dir: string,
  env: Record<string, string> = {},
): Promise<AppProcess> => {
  const started = await new Promise<Omit<AppProcess, 'token'>>((ok, fail) => {
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
      if (url) ok({ child, url, exited });
    });
    void exited.then(({ code }) =>
      fail(new Error(`command-api exited (${code}) before it was ready: ${out}`)),
    );
  });
  const keys = env.SIGNING_KEYS_DIR ?? join(dir, 'keys');
  return { ...started, token: await adminTokenFor(keys, join(dir, 'events.db')) };
};

export const postJson = async (url: string, headers: Record<string, string>, body: unknown) => {
  const r = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
};

const projectorMain = resolve(__dirname, '../../apps/projector/src/main.ts');
const queryApiMain = resolve(__dirname, '../../apps/query-api/src/main.ts');

/** A read-side process: its URL, and its stdout's JSON log lines as they come. */
export interface LoggingProcess {
  readonly child: ChildProcess;
  readonly url: string;
  /** Every JSON line written so far (other stdout lines are left out). */
  readonly logs: Record<string, unknown>[];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const startLogging = (
  main: string,
  env: Record<string, string>,
  ready: RegExp,
): Promise<LoggingProcess> =>
  new Promise((ok, fail) => {
    const child = spawn(process.execPath, ['-r', hook, main], {
      env: { ...process.env, LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
      child.once('exit', (code, signal) => r({ code, signal })),
    );
    const logs: Record<string, unknown>[] = [];
    let out = '';
    let pending = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('{')) logs.push(JSON.parse(line) as Record<string, unknown>);
      }
      const url = ready.exec(out)?.[1];
      if (url) ok({ child, url, logs, exited });
    });
    void exited.then(({ code }) =>
      fail(new Error(`${main} exited (${code}) before it was ready: ${out}`)),
    );
  });

/** A projector process on the given stores (PROJECTOR_PORT 0), logging JSON at info. */
export const startProjectorProcess = (env: Record<string, string>): Promise<LoggingProcess> =>
  startLogging(
    projectorMain,
    { PROJECTOR_PORT: '0', ...env },
    /projector\s+(http:\/\/\S+)\/health/,
  );

/** A query API process on the given stores (QUERY_API_PORT 0), logging JSON at info. */
export const startQueryApiProcess = (env: Record<string, string>): Promise<LoggingProcess> =>
  startLogging(queryApiMain, { QUERY_API_PORT: '0', ...env }, /query API\s+(http:\/\/\S+)/);
