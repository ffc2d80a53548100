import { performance } from 'node:perf_hooks';
import { Presets, SingleBar } from 'cli-progress';

/** A progress bar over events, with the running rate in events per second. */
export const eventProgress = (label: string, total: number) => {
  const started = performance.now();
  const bar = new SingleBar(
    {
      format: `${label} |{bar}| {percentage}% | {value}/{total} events | {rate} events/s | ETA {eta_formatted}`,
      hideCursor: true,
      etaBuffer: 50,
    },
    Presets.shades_classic,
  );
  bar.start(Math.max(total, 1), 0, { rate: 0 });
  const rate = (events: number) => Math.round(events / ((performance.now() - started) / 1000));
  return {
    update: (events: number) =>
      bar.update(Math.min(events, Math.max(total, 1)), { rate: rate(events) }),
    stop: (events: number) => {
      bar.update(Math.min(events, Math.max(total, 1)), { rate: rate(events) });
      bar.stop();
      return { seconds: (performance.now() - started) / 1000, rate: rate(events) };
    },
  };
};
