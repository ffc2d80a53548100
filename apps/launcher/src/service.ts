import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';

export interface Service {
  readonly name: string;
  readonly child: ChildProcess;
  /** Resolves with the service's first line on stdout (its URL line), rejects if it exits. */
  readonly ready: Promise<string>;
  readonly exited: Promise<number | null>;
}

/**
 * Starts one app as its own process, the way the production shape runs it: the sibling app's
 * main, compiled or not (this file's own extension tells which, and the same node flags are
 * passed on). Its JSON logs go to <DATA_DIR>/logs/<name>.log; its errors to this terminal.
 */
export const startService = (name: string, dataDir: string, env: NodeJS.ProcessEnv): Service => {
  const main = resolve(__dirname, '..', '..', name, 'src', `main${extname(__filename)}`);
  mkdirSync(join(dataDir, 'logs'), { recursive: true });
  const log = createWriteStream(join(dataDir, 'logs', `${name}.log`), { flags: 'a' });
  const child = spawn(process.execPath, [...process.execArgv, main], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      process.stderr.write(`[${name}] ${line}\n`);
    }
  });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const ready = new Promise<string>((ok, fail) => {
    let banner = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      for (const line of text.split('\n').filter(Boolean)) {
        if (line.startsWith('{')) log.write(`${line}\n`);
        else banner += `${line}\n`;
      }
      if (banner) ok(banner);
    });
    void exited.then((code) => fail(new Error(`${name} exited with ${code} before it was ready`)));
  });
  return { name, child, ready, exited };
};
