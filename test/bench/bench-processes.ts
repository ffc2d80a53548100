import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const hook = resolve(__dirname, '../event-store/register-swc.js');

export interface BenchProcess {
  readonly child: ChildProcess;
  readonly match: RegExpExecArray;
  /** SIGTERM, then wait for the exit. */
  stop(): Promise<void>;
}

export interface BenchProcessOptions {
  /** The script's own arguments. */
  readonly args?: readonly string[];
  /** Node's, before the script (e.g. --cpu-prof). */
  readonly nodeArgs?: readonly string[];
}

/**
 * An app in its own process, started from the TypeScript sources, once its stdout matches
 * `ready`. Its stdout keeps being read (and dropped) so it never blocks on a full pipe.
 */
export const startBenchProcess = (
  script: string,
  env: Record<string, string>,
  ready: RegExp,
  { args = [], nodeArgs = [] }: BenchProcessOptions = {},
): Promise<BenchProcess> =>
  new Promise((ok, fail) => {
    const child = spawn(process.execPath, [...nodeArgs, '-r', hook, script, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    let out = '';
    let started = false;
    child.stdout?.on('data', (chunk: Buffer) => {
      if (started) return;
      out += chunk.toString();
      const match = ready.exec(out);
      if (match === null) return;
      started = true;
      ok({
        child,
        match,
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    });
    void exited.then(() => {
      if (!started) fail(new Error(`${script} exited before it was ready: ${out}`));
    });
  });
