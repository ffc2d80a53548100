import pino from 'pino';
import { stopOnSignals } from './termination';

const logger = pino({ level: 'silent' });
const SIGNAL = 'SIGUSR2';

/** Installs the handlers on SIGUSR2, raises it `times` times, and returns the exit code. */
const run = async (stop: () => Promise<void>, times = 1, graceMs = 1000) => {
  let stops = 0;
  const code = new Promise<number>((resolve) => {
    const remove = stopOnSignals(
      () => {
        stops++;
        return stop();
      },
      logger,
      {
        graceMs,
        signals: [SIGNAL],
        exit: (c) => {
          remove();
          resolve(c);
        },
      },
    );
  });
  for (let i = 0; i < times; i++) process.emit(SIGNAL, SIGNAL);
  return { code: await code, stops };
};

describe('stopping on a signal', () => {
  it('A1: a signal runs the graceful stop once and exits 0 when it has finished', async () => {
    expect(await run(() => new Promise((r) => setTimeout(r, 20)), 3)).toEqual({
      code: 0,
      stops: 1,
    });
  });

  it('A1: a stop that fails, or overruns its grace period, exits 1', async () => {
    expect((await run(() => Promise.reject(new Error('disk gone')))).code).toBe(1);
    expect((await run(() => new Promise(() => undefined), 1, 50)).code).toBe(1);
  });
});
