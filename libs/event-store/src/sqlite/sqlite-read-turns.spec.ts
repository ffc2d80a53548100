import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SystemClock } from '@lic/clock';
import type { EventStore } from '../event-store.port';
import { newEvents } from '../testing/contract-fixtures';
import { openSqliteEventStore } from './open-sqlite-event-store';

/**
 * How many turns the event loop took while `read` ran. SQLite reads are synchronous: a read
 * that only awaited promises between its pages would finish in one turn, and every request
 * waiting on that loop would wait for all of it.
 */
const turnsDuring = async (read: () => Promise<number>) => {
  let turns = 0;
  let counting = true;
  const tick = () => {
    if (!counting) return;
    turns++;
    setImmediate(tick);
  };
  setImmediate(tick);
  const events = await read();
  counting = false;
  return { events, turns };
};

describe('SQLite reads of many pages', () => {
  let dir: string;
  let store: EventStore;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'read-turns-'));
    store = openSqliteEventStore({
      file: join(dir, 'events.db'),
      clock: new SystemClock(),
    }).eventStore;
    // One stream of 1,000 events: four pages of 256, in $all and in the stream.
    await store.appendToStream('license-long', newEvents(1000), 'no_stream');
  });

  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('A3: reading $all (a seal, an export) lets the event loop turn between pages', async () => {
    const { events, turns } = await turnsDuring(async () => {
      let n = 0;
      for await (const _ of store.readAll()) n++;
      return n;
    });
    expect(events).toBe(1000);
    expect(turns).toBeGreaterThanOrEqual(3);
  });

  it('A3: reading $all in pages lets the event loop turn between pages', async () => {
    const { events, turns } = await turnsDuring(async () => {
      let n = 0;
      for await (const page of store.readAllInPages?.() ?? []) n += page.length;
      return n;
    });
    expect(events).toBe(1000);
    expect(turns).toBeGreaterThanOrEqual(3);
  });

  it('A3: a cold load of a long stream lets the event loop turn between pages', async () => {
    const { events, turns } = await turnsDuring(async () => {
      let n = 0;
      for await (const _ of store.readStream('license-long')) n++;
      return n;
    });
    expect(events).toBe(1000);
    expect(turns).toBeGreaterThanOrEqual(3);
  });

  it('A3: a subscription catching up lets the event loop turn between full pages', async () => {
    const subscription = store.subscribeToAll();
    const { events, turns } = await turnsDuring(async () => {
      let n = 0;
      for await (const _ of subscription) if (++n === 1000) break;
      return n;
    });
    await subscription.close();
    expect(events).toBe(1000);
    expect(turns).toBeGreaterThanOrEqual(3);
  });
});
