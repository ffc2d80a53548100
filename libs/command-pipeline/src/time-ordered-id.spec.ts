import { timeOrderedId } from './time-ordered-id';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('time-ordered event ids', () => {
  it('is a UUID version 7 carrying the millisecond it was minted at', () => {
    const ms = Date.UTC(2026, 10, 30, 12, 0, 0, 123);
    const id = timeOrderedId(ms);
    expect(id).toMatch(UUID_V7);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(ms);
  });

  it('sorts by the millisecond, and never repeats within one', () => {
    const ms = Date.UTC(2026, 10, 30);
    const ids = Array.from({ length: 3000 }, (_, i) => timeOrderedId(ms + Math.floor(i / 1000)));
    expect(new Set(ids).size).toBe(ids.length);
    const firsts = [0, 1000, 2000].map((i) => ids[i] as string);
    expect([...firsts].sort()).toEqual(firsts);
    expect((ids[999] as string) < (ids[1000] as string)).toBe(true);
  });
});
