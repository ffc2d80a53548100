import { closeSync, fsyncSync, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';
import type { Journal, LoggedEvent } from './in-memory-log';

interface Line {
  /** The position after this write. */
  readonly n: string;
  readonly e: readonly {
    readonly s: string;
    readonly r: string;
    readonly p: string;
    readonly i: string;
    readonly t: string;
    readonly c: string;
    readonly d: string;
    readonly m: string;
    readonly k: string;
  }[];
}

const toLine = (events: readonly LoggedEvent[], next: bigint): string =>
  `${JSON.stringify({
    n: next.toString(10),
    e: events.map((e) => ({
      s: e.streamName,
      r: e.revision.toString(10),
      p: e.position.toString(10),
      i: e.id,
      t: e.type,
      c: e.contentType,
      d: Buffer.from(e.data).toString('base64'),
      m: Buffer.from(e.customMetadata).toString('base64'),
      k: e.createdTicks.toString(10),
    })),
  } satisfies Line)}\n`;

const fromLine = (line: Line): LoggedEvent[] =>
  line.e.map((e) => ({
    streamName: e.s,
    revision: BigInt(e.r),
    position: BigInt(e.p),
    id: e.i,
    type: e.t,
    contentType: e.c,
    data: new Uint8Array(Buffer.from(e.d, 'base64')),
    customMetadata: new Uint8Array(Buffer.from(e.m, 'base64')),
    createdTicks: BigInt(e.k),
  }));

export interface Restored {
  readonly events: LoggedEvent[];
  readonly nextPosition: bigint;
}

/**
 * The test server's log on disk: one JSON line per committed write, appended before the write
 * is acknowledged, so a restarted server (even one that was SIGKILLed) has every write it
 * acknowledged, with its ids, revisions and positions. Without `fsync`, a write survives the
 * process but not a power loss. A torn last line (the process died while writing it) was never
 * acknowledged: it is cut off on open.
 */
export class FileJournal implements Journal {
  private readonly fd: number;

  private constructor(
    file: string,
    private readonly fsync: boolean,
  ) {
    this.fd = openSync(file, 'a');
  }

  static open(file: string, { fsync = false } = {}): { journal: FileJournal; restored: Restored } {
    const restored = FileJournal.read(file);
    return { journal: new FileJournal(file, fsync), restored };
  }

  write(events: readonly LoggedEvent[], nextPosition: bigint): void {
    writeSync(this.fd, toLine(events, nextPosition));
    if (this.fsync) fsyncSync(this.fd);
  }

  close(): void {
    closeSync(this.fd);
  }

  private static read(file: string): Restored {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return { events: [], nextPosition: 0n };
      }
      throw error;
    }
    const events: LoggedEvent[] = [];
    let nextPosition = 0n;
    let offset = 0;
    while (offset < text.length) {
      const end = text.indexOf('\n', offset);
      const complete = end >= 0;
      const raw = text.slice(offset, complete ? end : undefined);
      let line: Line;
      try {
        line = JSON.parse(raw) as Line;
      } catch (error) {
        if (complete) throw new Error(`${file}: unreadable line at byte ${offset}: ${error}`);
        FileJournal.cut(file, Buffer.byteLength(text.slice(0, offset), 'utf8'));
        break;
      }
      if (!complete) {
        FileJournal.cut(file, Buffer.byteLength(text.slice(0, offset), 'utf8'));
        break;
      }
      events.push(...fromLine(line));
      nextPosition = BigInt(line.n);
      offset = end + 1;
    }
    return { events, nextPosition };
  }

  /** Drops a torn last line: it was never acknowledged. */
  private static cut(file: string, length: number): void {
    const fd = openSync(file, 'r+');
    try {
      ftruncateSync(fd, length);
    } finally {
      closeSync(fd);
    }
  }
}
