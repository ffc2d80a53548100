import { renderMarkdown, recordedSourceHashes } from './render-markdown';
import type { BenchRun } from './results-file';

const machine = {
  cores: 2,
  cpu: 'AMD EPYC',
  memoryGiB: 23.5,
  node: 'v20.20.2',
  os: 'Linux 6.1',
  load1: 0.5,
  date: '2026-11-30T08:00:00.000Z',
};
const run = (id: BenchRun['id'], sources?: BenchRun['sources']): BenchRun => ({
  id,
  title: `the ${id} bench`,
  command: `npm run bench:${id}`,
  reductions: [],
  machine,
  seconds: 12,
  exitCode: 0,
  figures: [
    {
      figure: 'Append throughput',
      value: '1,000 events/s',
      store: 'SQLite event store (embedded file, journal_mode=wal, synchronous=FULL)',
    },
  ],
  ...(sources ? { sources } : {}),
});

describe('BENCHMARKS.md', () => {
  it('records the sources hash of each run, and it reads back', () => {
    const markdown = renderMarkdown({
      store: run('store', { hash: '0123456789abcdef', files: 86 }),
      api: run('api'),
    });
    expect(markdown).toContain('| `store` | `0123456789abcdef` | 86 |');
    expect(markdown).toContain('| `api` | not recorded |  |');
    expect(recordedSourceHashes(markdown)).toEqual(new Map([['store', '0123456789abcdef']]));
  });

  it('labels each figure with the store its bench reported', () => {
    const markdown = renderMarkdown({ store: run('store') });
    expect(markdown).toContain(
      '| Append throughput | 1,000 events/s | SQLite event store (embedded file, journal_mode=wal, synchronous=FULL) |',
    );
    expect(markdown).not.toMatch(/prints "synchronous=NORMAL"/);
  });
});
