import { setImmediate as nextTurn } from 'node:timers/promises';
import type Database from 'better-sqlite3';
import type { CallGate } from '../call-gate';
import {
  WrongExpectedRevisionError,
  type AppendResult,
  type EventPlace,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeToAllOptions,
  type Subscription,
} from '../event-store.port';
import { assertAppendable } from '../stream-names';
import type { AppendWriter } from './append-batch';
import { DuplicateEventIdError, encodeEvents } from './sqlite-append';
import { GroupCommit } from './group-commit';
import { isUniqueViolation } from './sqlite-errors';
import type { SqliteEventsTable } from './sqlite-events-table';
import { toRecordedEvent, tupleToRecordedEvent, type EventRow } from './sqlite-rows';
import type { ChangeNotifier } from './change-notifier';
import { SqliteSubscription, type PageReader } from './sqlite-subscription';

const READ_PAGE_SIZE = 256;

// A read of many pages runs on the event loop of whoever asked (the command API's, for a seal
// or a cold load): it lets the loop turn before each page after the first, so that a read of a
// million events is a few thousand short steps between requests, not one freeze of seconds.

/** The EventStore port over one SQLite file (or `:memory:`), through better-sqlite3. */
export class SqliteEventStore implements EventStore {
  private readonly subscriptions = new Set<{ close(): Promise<void> }>();
  private readonly commits: GroupCommit;

  constructor(
    private readonly db: Database.Database,
    private readonly table: SqliteEventsTable,
    private readonly notifier: ChangeNotifier,
    private readonly writer: AppendWriter,
    private readonly gate: CallGate,
  ) {
    // BEGIN IMMEDIATE takes the write lock before the revision checks: appends are serialised
    // across connections and processes, and positions are handed out in commit order.
    this.commits = new GroupCommit(writer.commit, () => notifier.notify());
  }

  async appendToStream(
    streamName: string,
    events: readonly NewEvent[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult> {
    assertAppendable(streamName, events);
    return this.gate.run(`append to ${streamName}`, () =>
      this.append(streamName, events, expectedRevision),
    );
  }

  private async append(
    streamName: string,
    events: readonly NewEvent[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult> {
    try {
      const encoded = encodeEvents(events);
      return await this.commits.append({ streamName, events: encoded, expected: expectedRevision });
    } catch (error) {
      if (isUniqueViolation(error, 'events.stream, events.revision')) {
        // Unreachable while every writer uses BEGIN IMMEDIATE; kept as a backstop.
        const actual = this.table.lastRevision(streamName) ?? 'no_stream';
        throw new WrongExpectedRevisionError(streamName, expectedRevision, actual);
      }
      if (isUniqueViolation(error, 'events.id')) throw new DuplicateEventIdError(streamName, error);
      throw error;
    }
  }

  readStream(
    streamName: string,
    options: ReadStreamOptions = {},
  ): AsyncGenerator<RecordedEvent, void, undefined> {
    return this.gate.iterate(`read ${streamName}`, () => this.streamPages(streamName, options));
  }

  private async *streamPages(
    streamName: string,
    options: ReadStreamOptions,
  ): AsyncGenerator<RecordedEvent, void, undefined> {
    const backwards = options.direction === 'backwards';
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    let from: bigint | undefined = options.fromRevision ?? (backwards ? undefined : 0n);
    for (let first = true; remaining > 0; first = false) {
      if (!first) await nextTurn();
      const limit = Math.min(READ_PAGE_SIZE, remaining);
      const rows: EventRow[] = backwards
        ? this.table.streamBackwards(streamName, from, limit)
        : this.table.streamForwards(streamName, from ?? 0n, limit);
      for (const row of rows) yield toRecordedEvent(row);
      if (rows.length < limit) return;
      remaining -= rows.length;
      const lastRevision = rows[rows.length - 1].revision;
      if (backwards && lastRevision === 0n) return;
      from = backwards ? lastRevision - 1n : lastRevision + 1n;
    }
  }

  readAll(options: ReadAllOptions = {}): AsyncGenerator<RecordedEvent, void, undefined> {
    return this.gate.iterate('read $all', () => this.allEvents(options));
  }

  readAllInPages(
    options: ReadAllOptions = {},
  ): AsyncGenerator<readonly RecordedEvent[], void, undefined> {
    return this.gate.iterate('read $all', () => this.allPages(options));
  }

  private async *allEvents(
    options: ReadAllOptions,
  ): AsyncGenerator<RecordedEvent, void, undefined> {
    for await (const page of this.allPages(options)) for (const event of page) yield event;
  }

  /**
   * `$all` a page at a time. A row that does not decode ends the reading as it would one event
   * at a time: the events before it are handed over first, then its error is thrown.
   */
  private async *allPages(
    options: ReadAllOptions,
  ): AsyncGenerator<readonly RecordedEvent[], void, undefined> {
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    let after = options.after ?? 0n;
    for (let first = true; remaining > 0; first = false) {
      if (!first) await nextTurn();
      const limit = Math.min(READ_PAGE_SIZE, remaining);
      const rows = this.table.allAfter(after, limit);
      const page: RecordedEvent[] = [];
      try {
        for (const row of rows) page.push(tupleToRecordedEvent(row));
      } catch (error) {
        if (page.length > 0) yield page;
        throw error;
      }
      if (page.length > 0) yield page;
      if (rows.length < limit) return;
      remaining -= rows.length;
      after = rows[rows.length - 1][0];
    }
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): Subscription {
    const prefixes = options.streamPrefixes;
    if (prefixes === undefined) {
      return this.subscribe(
        (after, limit) => this.table.allAfter(after, limit).map(tupleToRecordedEvent),
        options,
      );
    }
    const read = this.table.prefixedReader(prefixes);
    return this.subscribe((after, limit) => read(after, limit).map(toRecordedEvent), options);
  }

  subscribeToPlaces(options: SubscribeToAllOptions = {}): Subscription<EventPlace> {
    const read = this.table.placeReader(options.streamPrefixes);
    return this.subscribe(
      (after, limit) =>
        read(after, limit).map((row) => ({
          streamName: row.stream,
          revision: row.revision,
          position: row.position,
        })),
      options,
    );
  }

  private subscribe<T extends { readonly position: bigint }>(
    readPage: PageReader<T>,
    options: SubscribeToAllOptions,
  ): Subscription<T> {
    const subscription = new SqliteSubscription(
      readPage,
      this.notifier,
      options.after ?? 0n,
      (closed) => this.subscriptions.delete(closed),
      options.gatherMs,
    );
    this.gate.enter('subscribe to $all');
    this.subscriptions.add(subscription);
    return subscription;
  }

  async ping(): Promise<void> {
    return this.gate.run('ping', async () => {
      this.writer.check();
      this.table.dataVersion();
    });
  }

  /** Waits for appends and snapshot saves in flight, then closes the file; later calls are refused. */
  async close(): Promise<void> {
    await this.gate.close();
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    this.notifier.close();
    await this.writer.close();
    if (this.db.open) this.db.close();
  }
}
