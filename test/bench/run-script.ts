import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

export interface ScriptRun {
  readonly output: string;
  readonly code: number | null;
  readonly seconds: number;
}

/**
 * `npm run <script>` with `env` added, its output shown as it comes (tee) and kept for
 * parsing. Progress bars write carriage returns; those are kept out of the parsed text.
 */
export const runScript = (
  script: string,
  env: Readonly<Record<string, string>>,
  cwd: string,
): Promise<ScriptRun> =>
  new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('npm', ['run', '--silent', script], {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks: string[] = [];
    child.stdout.on('data', (c: Buffer) => {
      process.stdout.write(c);
      chunks.push(c.toString());
    });
    child.stderr.on('data', (c: Buffer) => process.stderr.write(c));
    child.once('error', reject);
    child.once('close', (code) =>
      resolve({
        output: chunks
          .join('')
          .split('\n')
          .map((line) => line.slice(line.lastIndexOf('\r') + 1))
          .join('\n'),
        code,
        seconds: (performance.now() - started) / 1000,
      }),
    );
  });
