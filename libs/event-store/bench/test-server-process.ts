import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const HOOK = resolve(__dirname, '../../../test/event-store/register-swc.js');
const MAIN = resolve(__dirname, '../src/test-server/main.ts');
/** The line `npm run esdb:test-server` prints once it listens. */
const READY = /esdb test server\s+(esdb:\/\/\S+)/;

export interface TestServerProcess {
  readonly connectionString: string;
  stop(): Promise<void>;
}

/**
 * The KurrentDB-protocol test server in a process of its own (as `npm run esdb:test-server`
 * runs it, from the TypeScript sources), on a free port, its log in memory: a benchmark's
 * client then shares neither its event loop nor its heap with the server, as it would not
 * with a real KurrentDB node.
 */
export const startTestServerProcess = (): Promise<TestServerProcess> =>
  new Promise((ok, fail) => {
    const child = spawn(process.execPath, ['-r', HOOK, MAIN, '--port', '0'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    const onExit = (code: number | null) =>
      fail(new Error(`the ESDB test server exited (${code}) before it listened: ${out}`));
    child.once('exit', onExit);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = READY.exec(out);
      if (match === null) return;
      child.off('exit', onExit);
      child.stdout?.removeAllListeners('data');
      child.stdout?.resume();
      ok({ connectionString: match[1] as string, stop: () => stopped(child) });
    });
  });

const stopped = (child: ChildProcess): Promise<void> =>
  new Promise((ok) => {
    if (child.exitCode !== null || child.signalCode !== null) return ok();
    child.once('exit', () => ok());
    child.kill('SIGTERM');
  });
