import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Clock } from './clock';
import { TestClock } from './test-clock';

/** The file the processes of one installation share their test clock through. */
export const TEST_CLOCK_FILE = 'test-clock.json';

/**
 * A test clock every process of an installation shares (LICENSE_TEST_CLOCK=1): its offset lives
 * in a small file in DATA_DIR, written by whoever advances it (the command API's
 * POST /test/v1/clock/advance) and read on every now() by all of them — so the query API's live
 * view and report windows, and every command API replica, move with the clock the moment an
 * advance is answered. A missing or unreadable file is offset 0.
 */
export class SharedTestClock extends TestClock {
  constructor(
    private readonly wallClock: Clock,
    private readonly file: string,
  ) {
    super(wallClock);
  }

  override now(): number {
    return this.wallClock.now() + this.offset;
  }

  override advance(ms: number): number {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('a clock only moves forward');
    const offsetMs = this.offset + ms;
    mkdirSync(dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify({ offset_ms: offsetMs }));
    renameSync(temporary, this.file); // atomic: a reader sees the old offset or the new one
    return this.now();
  }

  override get offset(): number {
    try {
      const parsed: unknown = JSON.parse(readFileSync(this.file, 'utf8'));
      const offsetMs =
        typeof parsed === 'object' && parsed !== null && 'offset_ms' in parsed
          ? parsed.offset_ms
          : 0;
      return typeof offsetMs === 'number' && Number.isFinite(offsetMs) && offsetMs > 0
        ? offsetMs
        : 0;
    } catch {
      return 0;
    }
  }
}
