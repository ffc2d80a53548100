import { hourRange } from './time-range';

const H = 3_600_000;
const NOW = Date.parse('2026-03-02T09:30:00.000Z');

describe('report ranges', () => {
  it('U1: a range is whole hours: from rounded down, to rounded up; the last 24 by default', () => {
    expect(hourRange({}, NOW)).toEqual({ from: NOW - 30 * 60_000 - 23 * H, to: NOW + 30 * 60_000 });
    expect(
      hourRange({ from: '2026-03-02T07:10:00.000Z', to: '2026-03-02T09:00:00.000Z' }, NOW),
    ).toEqual({
      from: Date.parse('2026-03-02T07:00:00.000Z'),
      to: Date.parse('2026-03-02T09:00:00.000Z'),
    });
  });

  it('U2: an empty, reversed or over-long range is a 400 naming the field', () => {
    expect(() =>
      hourRange({ from: '2026-03-02T09:00:00.000Z', to: '2026-03-02T08:00:00.000Z' }, NOW),
    ).toThrow('query.from must be before query.to');
    expect(() =>
      hourRange({ from: '2026-01-01T00:00:00.000Z', to: '2026-03-02T00:00:00.000Z' }, NOW),
    ).toThrow('the range is longer than 31 days');
  });
});
