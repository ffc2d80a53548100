import Database from 'better-sqlite3';
import { fixedClock } from '@lic/clock';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SubscriptionProbe, collect, newEvent, newEvents } from '../testing/contract-fixtures';
import { openSqliteEventStore } from './open-sqlite-event-store';
import { DuplicateEventIdError } from './sqlite-append';

const T0 = Date.parse('2026-03-01T12:00:00.000Z');

describe('SQLite event store on a file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'event-store-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the directory, uses WAL, and keeps events and snapshots across reopening', async () => {
    const file = join(dir, 'a', 'b', 'events.db');
    const clock = fixedClock(T0);
    const first = openSqliteEventStore({ file, clock });
    const written = await first.eventStore.appendToStream('license-1', newEvents(2), 'no_stream');
    await first.snapshotStore.save('license-1', {
      revision: 1n,
      schemaVersion: 'v1',
      state: { n: 2 },
    });
    await first.eventStore.close();
    expect(existsSync(file)).toBe(true);

    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();

    clock.advance(60_000);
    const second = openSqliteEventStore({ file, clock });
    const next = await second.eventStore.appendToStream('license-1', [newEvent()], 1n);
    expect(next.position).toBeGreaterThan(written.position);
    const events = await collect(second.eventStore.readStream('license-1'));
    expect(events.map((e) => e.recordedAt)).toEqual([
      '2026-03-01T12:00:00.000Z',
      '2026-03-01T12:00:00.000Z',
      '2026-03-01T12:01:00.000Z',
    ]);
    expect(await second.snapshotStore.load('license-1')).toEqual({
      revision: 1n,
      schemaVersion: 'v1',
      state: { n: 2 },
    });
    await second.eventStore.close();
  });

  it('refuses an event id already used elsewhere, writing nothing of that append', async () => {
    const { eventStore } = openSqliteEventStore({ file: ':memory:', clock: fixedClock(T0) });
    const reused = newEvent();
    await eventStore.appendToStream('a', [reused], 'no_stream');
    const attempt = eventStore.appendToStream('b', [newEvent(), reused], 'no_stream');
    await expect(attempt).rejects.toBeInstanceOf(DuplicateEventIdError);
    expect(await collect(eventStore.readStream('b'))).toEqual([]);
    await eventStore.close();
  });

  it('pages through long streams and $all in both directions', async () => {
    const { eventStore } = openSqliteEventStore({ file: ':memory:', clock: fixedClock(T0) });
    await eventStore.appendToStream('long', newEvents(700), 'no_stream');
    const forwards = await collect(eventStore.readStream('long', { fromRevision: 3n }));
    expect(forwards.map((e) => e.revision)).toEqual(forwards.map((_, i) => BigInt(i + 3)));
    const backwards = await collect(eventStore.readStream('long', { direction: 'backwards' }));
    expect(backwards.map((e) => e.revision)).toEqual(backwards.map((_, i) => BigInt(699 - i)));
    expect(await collect(eventStore.readAll({ maxCount: 600 }))).toHaveLength(600);
    expect(await collect(eventStore.readAll({ after: forwards[0].position }))).toHaveLength(696);
    await eventStore.close();
  });

  it('ends live subscriptions when the store closes', async () => {
    const { eventStore } = openSqliteEventStore({ file: ':memory:', clock: fixedClock(T0) });
    const probe = new SubscriptionProbe(eventStore.subscribeToAll());
    await eventStore.appendToStream('a', [newEvent()], 'no_stream');
    await probe.take(1);
    const next = probe.next();
    await eventStore.close();
    await expect(next).resolves.toMatchObject({ done: true });
  });
});

describe('SQLite event store when another connection holds the write lock', () => {
  let dir: string;
  let file: string;
  let holder: Database.Database;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'event-store-'));
    file = join(dir, 'events.db');
    await openSqliteEventStore({ file, clock: fixedClock(T0) }).eventStore.close();
    holder = new Database(file);
    holder.exec('BEGIN IMMEDIATE');
  });
  afterEach(() => {
    if (holder.inTransaction) holder.exec('ROLLBACK');
    holder.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('retries without blocking the event loop, and appends once the lock is released', async () => {
    const { eventStore } = openSqliteEventStore({ file, clock: fixedClock(T0), busyTimeoutMs: 20 });
    let released = false;
    // A timer on this event loop releases the lock: it can only fire if the retry waits async.
    setTimeout(() => {
      holder.exec('COMMIT');
      released = true;
    }, 150);
    const result = await eventStore.appendToStream('locked', [newEvent()], 'no_stream');
    expect(released).toBe(true);
    expect(result.nextExpectedRevision).toBe(0n);
    await eventStore.close();
  });

  it('gives up with a clear error when the lock is never released', async () => {
    const { eventStore } = openSqliteEventStore({ file, clock: fixedClock(T0), busyTimeoutMs: 5 });
    await expect(eventStore.appendToStream('locked', [newEvent()], 'no_stream')).rejects.toThrow(
      /append to locked: the SQLite database stayed locked by another connection/,
    );
    await eventStore.close();
  });
});
