import { benchesWithoutFigures, type BenchRun, type Results } from './results-file';

const run = { id: 'projection' } as BenchRun;

describe('npm run bench keeps every bench in BENCHMARKS.md', () => {
  it('names the benches a partial run (BENCH_ONLY on a fresh checkout) has no figures for', () => {
    const results: Results = { projection: run };
    expect(benchesWithoutFigures(results, ['store', 'api', 'projection'])).toEqual([
      'store',
      'api',
    ]);
    expect(
      benchesWithoutFigures({ ...results, store: run, api: run }, ['store', 'api', 'projection']),
    ).toEqual([]);
  });
});
