import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SystemClock } from '@lic/clock';
import type { EventStore } from '../event-store.port';
import { newEvents } from '../testing/contract-fixtures';
import { turnsDuring } from '../testing/loop-turns';
import { openSqliteEventStore } from './open-sqlite-event-store';

/** How many items `items` gives, stopping after `upTo`. */
const count = async (items: AsyncIterable<unknown>, upTo = Number.POSITIVE_INFINITY) => {
  let n = 0;
  for await (const _ of items) if (++n === upTo) break;
  return n;
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
    const { result, turns } = await turnsDuring(() => count(store.readAll()));
    expect(result).toBe(1000);
    expect(turns).toBeGreaterThanOrEqual(3);
  });

  it('A3: reading $all in pages lets the event loop turn between pages', async () => {
    const { result, turns } = await turnsDuring(async () => {
      let n = 0;
      for await (const page of store.readAllInPages?.() ?? []) n += page.length;
      return n;
    });
    expect(result).toBe(1000);
    expect(turns).toBeGreaterThanOrEqual(3);
  });

  it('A3: a cold load of a long stream lets the event loop turn between pages', async () => {
    const { result, turns } = await turnsDuring(() => count(store.readStream('license-long')));
    expect(result).toBe(1000);
    expect(turns).toBeGreaterThanOrEqual(3);
  });

  it('A3: a subscription catching up lets the event loop turn between full pages', async () => {
    const subscription = store.subscribeToAll();
    const { result, turns } = await turnsDuring(() => count(subscription, 1000));
    await subscription.close();
    expect(result).toBe(1000);
    expect(turns).toBeGreaterThanOrEqual(3);
  });
});
