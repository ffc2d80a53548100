import { extname, join, resolve } from 'node:path';

/** Run from the TypeScript sources (tests, benchmarks), a thread compiles them as the process does. */
const SWC_HOOK = resolve(__dirname, '../../../../test/event-store/register-swc.js');

/**
 * A worker thread's entry file `name` in `dir`, with the extension the caller itself was loaded
 * with (`.ts` from the sources, `.js` from dist), and its Node options: a worker refuses some of
 * the process's own (V8 heap sizes, for one), so it gets only the CPU profiler's, if the process
 * has them, and the TypeScript hook when run from the sources.
 */
export const workerEntry = (
  dir: string,
  name: string,
  callerFile: string,
): { file: string; execArgv: string[] } => {
  const extension = extname(callerFile);
  const file = join(dir, `${name}${extension}`);
  const profiler = process.execArgv.filter((arg) => arg.startsWith('--cpu-prof'));
  return { file, execArgv: extension === '.ts' ? [...profiler, '-r', SWC_HOOK] : profiler };
};
