// npm run bench:store — the event store's append throughput (libs/event-store/bench) and the
// latency of one command on licenses whose streams hold 10^2, 10^4 and 10^6 events, for each
// adapter. Target: at 10^6 events, within 1.5x of the latency at 10^2.
// BENCH_SIZES=100,10000 limits the sizes (the 10^6 stream takes a while to write).
import { SystemClock } from '@lic/clock';
import { SECTIONS, main, type BenchSection, type Row } from '../../event-store/bench/store.bench';
import { measureCommandLatency } from './command-latency';

const sizes = (process.env.BENCH_SIZES ?? '100,10000,1000000').split(',').map(Number);
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

main([...SECTIONS, commandLatencySection]).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
