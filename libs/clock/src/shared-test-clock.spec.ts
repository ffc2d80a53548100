import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SharedTestClock } from './shared-test-clock';

describe('shared test clock', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clock-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('O7: processes sharing DATA_DIR share the offset: one advances, the others follow at once', () => {
    const file = join(dir, 'data', 'test-clock.json');
    const base = { now: () => 1_000 };
    const commandApi = new SharedTestClock(base, file);
    const queryApi = new SharedTestClock(base, file);
    expect(queryApi.now()).toBe(1_000); // no file yet: offset 0
    expect(commandApi.advance(60_000)).toBe(61_000);
    expect(queryApi.now()).toBe(61_000);
    commandApi.advance(1_000);
    expect([queryApi.now(), queryApi.offset]).toEqual([62_000, 61_000]);
    expect(() => queryApi.advance(-1)).toThrow(RangeError);
  });

  it('O7: a damaged file counts as no offset rather than stopping the clock', () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, '{not json');
    expect(new SharedTestClock({ now: () => 5 }, file).now()).toBe(5);
  });
});
