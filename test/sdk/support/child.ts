import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..', '..');
const HOOK = join(ROOT, 'test', 'event-store', 'register-swc.js');

export interface Finished {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface Running {
  readonly child: ChildProcess;
  readonly finished: Promise<Finished>;
  /** Resolves once the output so far matches `pattern`. */
  output(pattern: RegExp, stream?: 'stdout' | 'stderr'): Promise<string>;
}

/** A TypeScript file of this repository run as a real process through the swc require hook. */
export const runTs = (file: string, args: readonly string[], env: NodeJS.ProcessEnv): Running => {
  const child = spawn(process.execPath, ['-r', HOOK, join(ROOT, file), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = { stdout: '', stderr: '' };
  const waiters: (() => void)[] = [];
  const onData = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
    out[stream] += chunk.toString();
    for (const w of [...waiters]) w();
  };
  child.stdout!.on('data', onData('stdout'));
  child.stderr!.on('data', onData('stderr'));
  const finished = new Promise<Finished>((resolve) => {
    child.once('close', (code, signal) => resolve({ code, signal, ...out }));
  });
  const output = (pattern: RegExp, stream: 'stdout' | 'stderr' = 'stdout') =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const m = pattern.exec(out[stream]);
        if (m) {
          waiters.splice(waiters.indexOf(check), 1);
          resolve(m[0]);
        }
      };
      waiters.push(check);
      void finished.then(() =>
        reject(new Error(`exited before ${String(pattern)}: ${out.stdout}${out.stderr}`)),
      );
      check();
    });
  return { child, finished, output };
};
