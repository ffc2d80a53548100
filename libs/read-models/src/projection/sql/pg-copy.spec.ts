import { copyChunks, copyField } from './pg-copy';

describe('COPY text format', () => {
  it('A2: null, booleans, numbers and text with every escaped character', () => {
    expect(copyField(null)).toBe('\\N');
    expect(copyField(undefined)).toBe('\\N');
    expect(copyField(true)).toBe('t');
    expect(copyField(false)).toBe('f');
    expect(copyField(9007199254740991)).toBe('9007199254740991');
    expect(copyField(123456789012345678901234567890n)).toBe('123456789012345678901234567890');
    expect(copyField('a\\b\tc\nd\re')).toBe('a\\\\b\\tc\\nd\\re');
    expect(copyField('\\N')).toBe('\\\\N');
    expect(copyField('plain')).toBe('plain');
  });

  it('A2: a NUL left in text is refused, not sent (PostgreSQL text cannot hold it)', () => {
    expect(() => copyField(`a${String.fromCharCode(0)}b`)).toThrow(/NUL/);
    expect(() => copyField({})).toThrow(/no COPY text/);
  });

  it('A2: rows become tab-separated lines, cut into messages of about 1 MB', () => {
    const rows = Array.from({ length: 5000 }, (_, i) => [i, 'x'.repeat(500), null]);
    const chunks = copyChunks(rows);
    expect(chunks.length).toBeGreaterThan(1);
    const text = Buffer.concat(chunks).toString('utf8');
    expect(text.split('\n')).toHaveLength(5001);
    expect(text.startsWith(`0\t${'x'.repeat(500)}\t\\N\n1\t`)).toBe(true);
  });
});
