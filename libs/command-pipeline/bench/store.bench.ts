// npm run bench:store — the event store's append throughput (libs/event-store/bench) and the
// latency of one command on licenses whose streams hold 10^2, 10^4 and 10^6 events, for each
// adapter. Target: at 10^6 events, within 1.5x of the latency at 10^2.
// BENCH_SIZES=100,10000 limits the sizes (the 10^6 stream takes a while to write).
import { SystemClock } from '@lic/clock';
import { SECTIONS, main, type BenchSection, type Row } from '../../event-store/bench/store.bench';
import { median } from './bench-support';
import { measureBusyLicense } from './busy-license';
import { measureCommandLatency } from './command-latency';

const sizes = (process.env.BENCH_SIZES ?? '100,10000,1000000').split(',').map(Number);
const busyKeys = (process.env.BENCH_BUSY_KEYS ?? '2000,20000').split(',').map(Number);
const busySamples = Number(process.env.BENCH_BUSY_SAMPLES ?? 5000);
const busyRounds = Number(process.env.BENCH_BUSY_ROUNDS ?? 5);
const ms = (n: number) => `${n.toFixed(2)} ms`;

const commandLatencySection: BenchSection = {
  title:
    'One command (a heartbeat) on a license whose stream holds N events, with and without the hash chain',
  headers: [
    'adapter',
    'chain',
    'events',
    'warm p50',
    'warm p99',
    'cold p50',
    'cold p99',
    'cold p50 / at 10^2',
    'first full load',
  ],
  async run(adapters) {
    const rows: Row[] = [];
    for (const adapter of adapters) {
      for (const chain of [false, true]) {
        const results = await measureCommandLatency(
          adapter.eventStore,
          adapter.snapshotStore,
          new SystemClock(),
          sizes,
          200,
          (line) => console.log(`${adapter.name}:${line}`),
          chain,
        );
        const base = results[0]?.coldP50 ?? NaN;
        for (const r of results) {
          rows.push([
            adapter.name,
            chain ? 'on' : 'off',
            r.events.toLocaleString('en-US'),
            ms(r.warmP50),
            ms(r.warmP99),
            ms(r.coldP50),
            ms(r.coldP99),
            `${(r.coldP50 / base).toFixed(2)}x`,
            ms(r.firstLoadMs),
          ]);
        }
      }
    }
    return rows;
  },
};

/**
 * Deliverable: a checkout on a license holding 20,000 live keys within 1.2x of a fresh one,
 * and a snapshot whose size does not depend on the number of keys.
 */
const busyLicenseSection: BenchSection = {
  title: `A checkout on a license holding N live idempotency keys, beside a fresh license, in interleaved rounds (each license also binds the ${(2 * busySamples).toLocaleString('en-US')} keys of its own measured checkouts and checkins)`,
  headers: [
    'adapter',
    'live keys',
    'p50',
    'p99',
    'p99 / fresh p99, median of the rounds',
    'snapshot bytes',
    'first checkout after a restart',
  ],
  async run(adapters) {
    const rows: Row[] = [];
    for (const adapter of adapters) {
      const results = await measureBusyLicense(
        adapter.eventStore,
        adapter.snapshotStore,
        new SystemClock(),
        busyKeys,
        busySamples,
        busyRounds,
      );
      for (const r of results) {
        rows.push([
          adapter.name,
          r.keys.toLocaleString('en-US'),
          ms(r.p50),
          ms(r.p99),
          r.keys === 0
            ? '1.00x'
            : `${median(r.roundRatios).toFixed(2)}x (${r.roundRatios.length} rounds: ${r.roundRatios.map((x) => x.toFixed(2)).join(', ')})`,
          r.snapshotBytes.toLocaleString('en-US'),
          ms(r.afterRestartMs),
        ]);
      }
    }
    return rows;
  },
};

main([...SECTIONS, commandLatencySection, busyLicenseSection]).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
