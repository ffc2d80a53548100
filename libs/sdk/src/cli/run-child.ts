import { spawn, type ChildProcess } from 'node:child_process';
import { constants } from 'node:os';
import { ExitCodes } from './exit-codes';

export type ChildOutcome =
  | {
      readonly kind: 'exited';
      readonly code: number | null;
      readonly signal: NodeJS.Signals | null;
    }
  | { readonly kind: 'not-started'; readonly error: NodeJS.ErrnoException };

export const signalNumber = (signal: NodeJS.Signals): number => constants.signals[signal] ?? 0;

/** The status a shell would report: the exit code, or 128 + N for death by signal N. */
export const statusOf = (outcome: ChildOutcome): number => {
  if (outcome.kind === 'not-started') {
    return outcome.error.code === 'ENOENT' ? ExitCodes.NOT_FOUND : ExitCodes.CANNOT_EXECUTE;
  }
  if (outcome.code !== null) return outcome.code;
  return 128 + (outcome.signal === null ? 0 : signalNumber(outcome.signal));
};

/** Runs the command with the wrapper's stdio; `started` hands out the process to signal it. */
export const runChild = (
  command: string,
  args: readonly string[],
  started: (child: ChildProcess) => void,
): Promise<ChildOutcome> =>
  new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit' });
    let settled = false;
    child.once('error', (error: NodeJS.ErrnoException) => {
      if (settled) return;
      settled = true;
      resolve({ kind: 'not-started', error });
    });
    child.once('exit', (code, signal) => {
      if (settled) return;
      settled = true;
      resolve({ kind: 'exited', code, signal });
    });
    started(child);
  });
