import { csvField } from './audit-entry.view';

describe('audit export', () => {
  it('A1: CSV fields with commas, quotes or line breaks are quoted (RFC 4180)', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField(null)).toBe('');
    expect(csvField('{"a":1,"b":"x"}')).toBe('"{""a"":1,""b"":""x""}"');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });
});
