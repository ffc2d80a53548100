import { StreamMemory } from './stream-memory';

const HOUR = 3_600_000;
const memo = (key: string, at: number, value: string) => ({ key, at, value });

describe("a stream's memory (the pipeline's half of a license's memory)", () => {
  it('F6: after a cold load it answers only the keys it holds, until the older memos are read back; newer memos win', () => {
    const memory = new StreamMemory(99n); // the state came from a snapshot at revision 99
    memory.add([memo('key:a', 10 * HOUR, 'a from the tail')], 24 * HOUR);
    expect(memory.answers(['key:a'])).toBe(true);
    expect(memory.answers(['key:a', 'key:b'])).toBe(false);
    // Read back newest first: b, then an older binding of a that the tail's replaces.
    memory.backfill(
      [[memo('key:b', 9 * HOUR, 'b')], [memo('key:a', 8 * HOUR, 'a, older')]],
      11 * HOUR,
      24 * HOUR,
    );
    expect(memory.complete).toBe(true);
    expect(memory.get('key:a')).toBe('a from the tail');
    expect(memory.get('key:b')).toBe('b');
  });

  it('F6: a decision that reads a key it did not declare, while memos are missing, is an error (never a silent miss)', () => {
    const memory = new StreamMemory(5n);
    const recall = memory.recallFor(['key:a']);
    expect(recall('key:a')).toBeUndefined();
    expect(() => recall('key:b')).toThrow(/was not declared/);
    expect(new StreamMemory(null).recallFor([])('key:b')).toBeUndefined();
  });

  it('A3: memos older than the window (and an hour of clock slack) are dropped as new ones arrive', () => {
    const memory = new StreamMemory(null);
    memory.add([memo('old', 0, 'x')], 24 * HOUR);
    for (let i = 0; i < 1100; i++) memory.add([memo(`k${i}`, 26 * HOUR + i, 'y')], 24 * HOUR);
    expect(memory.get('old')).toBeUndefined();
    expect(memory.size).toBe(1100);
  });
});
