import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SystemClock } from '@lic/clock';
import type { EventStore, ReadAllOptions, RecordedEvent } from '../event-store.port';
import { collect, newEvents } from '../testing/contract-fixtures';
import { openSqliteEventStore } from './open-sqlite-event-store';

/** readAllInPages, flattened; and the error that ended it, if one did. */
const readPaged = async (store: EventStore, options?: ReadAllOptions) => {
  const events: RecordedEvent[] = [];
  const pages = store.readAllInPages?.(options);
  if (pages === undefined) throw new Error('the SQLite store reads $all in pages');
  try {
    for await (const page of pages) events.push(...page);
  } catch (error) {
    return { events, error };
  }
  return { events, error: undefined };
};

/** readAll, collected; and the error that ended it, if one did. */
const readEach = async (store: EventStore, options?: ReadAllOptions) => {
  const events: RecordedEvent[] = [];
  try {
    for await (const event of store.readAll(options)) events.push(event);
  } catch (error) {
    return { events, error };
  }
  return { events, error: undefined };
};

describe('SQLite $all in pages', () => {
  let dir: string;
  let file: string;
  let store: EventStore;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'read-pages-'));
    file = join(dir, 'events.db');
    store = openSqliteEventStore({ file, clock: new SystemClock() }).eventStore;
    // 700 events over 7 streams: more than two pages of 256.
    for (let s = 0; s < 7; s++) {
      await store.appendToStream(`license-s${s}`, newEvents(100), 'no_stream');
    }
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives the events readAll gives, in the same order', async () => {
    const all = await collect(store.readAll());
    expect(all).toHaveLength(700);
    expect((await readPaged(store)).events).toEqual(all);
    const middle = (all[299] as RecordedEvent).position;
    for (const options of [{ after: middle }, { maxCount: 513 }, { after: middle, maxCount: 7 }]) {
      expect((await readPaged(store, options)).events).toEqual(
        await collect(store.readAll(options)),
      );
    }
  });

  it('ends at a malformed event as readAll does: every event before it, then the same error', async () => {
    const all = await collect(store.readAll());
    const broken = all[300] as RecordedEvent;
    const db = new Database(file);
    db.prepare('UPDATE events SET data = ? WHERE position = ?').run('{not json', broken.position);
    db.close();
    const paged = await readPaged(store);
    const each = await readEach(store);
    expect(each.events).toEqual(all.slice(0, 300));
    expect(paged.events).toEqual(each.events);
    expect(String(paged.error)).toBe(String(each.error));
    expect(String(each.error)).toContain(
      `event ${broken.id} (${broken.streamName}@${broken.revision})`,
    );
  });
});
