import { open, seal } from './cache-cipher';

describe('the cache cipher (O8)', () => {
  const text = Buffer.from('{"token":"eyJ..."}');

  it('O8: opens on the machine that sealed it, with a fresh IV each time', () => {
    const a = seal(text, 'machine-a');
    expect(open(a, 'machine-a')).toEqual({ kind: 'opened', plaintext: text });
    expect(seal(text, 'machine-a').equals(a)).toBe(false);
  });

  it('O8: another fingerprint cannot open it, and is told apart from damage', () => {
    const a = seal(text, 'machine-a');
    expect(open(a, 'machine-b')).toEqual({ kind: 'another-machine' });
    const edited = Buffer.from(a);
    edited[edited.length - 1] = (edited[edited.length - 1] ?? 0) ^ 1;
    expect(open(edited, 'machine-a')).toEqual({ kind: 'corrupt' });
    expect(open(Buffer.from('not a cache'), 'machine-a')).toEqual({ kind: 'corrupt' });
    const retagged = Buffer.from(a);
    retagged[5] = (retagged[5] ?? 0) ^ 1; // the machine tag is authenticated too
    expect(open(retagged, 'machine-a').kind).not.toBe('opened');
  });
});
