import * as E from 'fp-ts/Either';
import type { Clock } from '@lic/clock';
import type { DomainError, Recall } from '@lic/domain';
import {
  WrongExpectedRevisionError,
  type EventMetadata,
  type EventStore,
  type NewEvent,
  type SnapshotStore,
} from '@lic/event-store';
import type { AggregateDefinition, DomainEvent } from './aggregate-definition';
import { linkEvents } from '@lic/audit-chain';
import { readHead, type KnownHead } from './chain/chain-heads';
import { ConcurrencyConflictError } from './errors';
import { KeyedLock } from './keyed-lock';
import { LruCache } from './lru-cache';
import { checkRoundTrip } from './round-trip';
import { catchUp, completeMemory, loadFromStore, type Loaded } from './stream-reader';
import { timeOrderedId } from './time-ordered-id';

export interface RepositoryOptions {
  /** Aggregates kept in memory with their revision (default 10,000). */
  readonly cacheSize?: number;
  /** Write a snapshot once this many events have accrued since the last one (default 100). */
  readonly snapshotEvery?: number;
  /** Decide-append attempts before giving up with a ConcurrencyConflictError (default 30). */
  readonly maxAttempts?: number;
  /** Called with a snapshot-write failure (snapshots are an optimisation, never fatal). */
  readonly onSnapshotError?: (error: unknown) => void;
  /** Link every event into its stream's hash chain (default true; off only for a benchmark). */
  readonly chain?: boolean;
  /**
   * U2: a pending refusal tally is appended at the latest this long after the first refusal
   * it counts (default 1000 ms), unless the stream's next append takes it first.
   */
  readonly tallyWithinMs?: number;
  /** Called when a pending tally cannot be appended yet (it is kept and tried again). */
  readonly onTallyError?: (error: unknown, id: string) => void;
}

interface PendingTally<C> {
  readonly command: C;
  readonly timer: NodeJS.Timeout;
}

/** The outcome of one command: what was decided, and the aggregate as it stands after it. */
export interface Decided<E, S> {
  readonly outcome: E.Either<DomainError, readonly E[]>;
  readonly state: S;
  readonly revision: bigint | null;
  /** Global position of the last event appended; null when nothing was appended. */
  readonly position: bigint | null;
  /** The instant the decision was taken (from the clock). */
  readonly decidedAt: number;
  readonly attempts: number;
  /** The aggregate's memory after the decision (AggregateDefinition.memory), by key. */
  readonly recall: Recall;
}

/**
 * Runs commands against one aggregate type: load (cache, else snapshot + tail), decide, append
 * with the expected revision; on a conflict read what changed and decide again. Every event is
 * checked to read back through its codec before anything is appended. A decision that
 * appends nothing first makes sure it was taken on the latest revision (another process may
 * have written), so no answer is ever based on a stale cache.
 */
export class AggregateRepository<C, E extends DomainEvent, S> {
  private readonly cache: LruCache<string, Loaded<S>>;
  private readonly lock = new KeyedLock();
  private readonly snapshotEvery: number;
  /** Per aggregate whose spacing was looked at: the revision its next snapshot waits for. */
  private readonly snapshotDue = new Map<string, bigint>();
  private readonly maxAttempts: number;
  /** Snapshot saves started and not yet settled (close() waits for them). */
  private readonly saving = new Set<Promise<void>>();
  /** U2: per aggregate, the refusals counted and not yet appended (AggregateDefinition.tally). */
  private readonly tallies = new Map<string, PendingTally<C>>();
  private closed = false;

  constructor(
    private readonly store: EventStore,
    private readonly snapshots: SnapshotStore,
    private readonly def: AggregateDefinition<C, E, S>,
    private readonly clock: Clock,
    private readonly options: RepositoryOptions = {},
  ) {
    this.cache = new LruCache(options.cacheSize ?? 10_000);
    this.snapshotEvery = options.snapshotEvery ?? 100;
    this.maxAttempts = options.maxAttempts ?? 30;
  }

  /** The aggregate as last seen by this process (no freshness check): for authentication. */
  async peek(id: string): Promise<Loaded<S>> {
    return this.cache.get(id) ?? this.lock.run(id, () => this.loaded(id));
  }

  /**
   * The aggregate at `revision` or later: the one this process holds if it has got that far
   * (no read), else the latest from the store.
   */
  async loadAtLeast(id: string, revision: bigint): Promise<Loaded<S>> {
    const cached = this.cache.get(id);
    if (cached?.revision != null && cached.revision >= revision) return cached;
    return this.load(id);
  }

  /** The aggregate at its latest revision. */
  async load(id: string): Promise<Loaded<S>> {
    return this.lock.run(id, async () =>
      this.remember(id, await catchUp(this.store, this.def, id, await this.loaded(id))),
    );
  }

  async handle(id: string, command: C, metadata: EventMetadata): Promise<Decided<E, S>> {
    return this.lock.run(id, () => this.decideAndAppend(id, command, metadata));
  }

  /**
   * Appends the pending refusal tallies, then waits for the snapshot saves in flight, so the
   * store can be closed after it with nothing left running. Saves are an optimisation: one
   * that fails is reported, never thrown.
   */
  async close(): Promise<void> {
    await this.flushTallies();
    this.closed = true;
    while (this.saving.size > 0) await Promise.allSettled([...this.saving]);
  }

  /** U2: appends every pending refusal tally now (at shutdown, before the last seal). */
  async flushTallies(): Promise<void> {
    await Promise.all([...this.tallies.keys()].map((id) => this.flushTally(id)));
  }

  /** Refusals counted and not yet appended, as pending tally commands (tests, metrics). */
  pendingTallies(): readonly C[] {
    return [...this.tallies.values()].map((p) => p.command);
  }

  /** Forget cached state (tests and benchmarks measure cold loads with it). */
  evict(id?: string): void {
    if (id === undefined) this.cache.clear();
    else this.cache.delete(id);
  }

  private async decideAndAppend(
    id: string,
    command: C,
    metadata: EventMetadata,
  ): Promise<Decided<E, S>> {
    let current = await this.loaded(id);
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      const decidedAt = this.clock.now();
      const recall = await this.recallFor(id, current, command, decidedAt);
      const outcome = this.def.decider.decide(command, current.state, { now: decidedAt, recall });
      const events = E.isRight(outcome) ? outcome.right : [];
      if (events.length === 0) {
        const fresh = await catchUp(this.store, this.def, id, current);
        if (fresh.eventsRead > 0) {
          current = this.remember(id, fresh);
          continue;
        }
        if (E.isLeft(outcome)) this.countRefusal(id, outcome.left, decidedAt);
        return {
          outcome,
          state: current.state,
          revision: current.revision,
          position: null,
          decidedAt,
          attempts: attempt,
          recall: recallOf(current),
        };
      }
      const decidedState = events.reduce(this.def.decider.evolve, current.state);
      const tally = this.tallies.get(id);
      const tallied = tally ? this.tallyEvents(tally.command, decidedState, decidedAt) : [];
      checkRoundTrip(
        this.def as AggregateDefinition<unknown, E, unknown>,
        this.def.streamName(id),
        commandTypeOf(command),
        [...events, ...tallied],
      );
      try {
        const stream = this.def.streamName(id);
        const tallyMetadata = tallied.length > 0 ? this.def.tally?.metadata() : undefined;
        const toAppend = await this.linked(stream, current, decidedAt, [
          { events, metadata },
          { events: tallied, metadata: tallyMetadata ?? metadata },
        ]);
        const result = await this.store.appendToStream(
          stream,
          toAppend,
          current.revision ?? 'no_stream',
        );
        const state = tallied.reduce(this.def.decider.evolve, decidedState);
        this.memorise(current, [...events, ...tallied], state);
        if (tally && tallied.length > 0) this.forgetTally(id, tally);
        current = this.remember(id, {
          state,
          revision: result.nextExpectedRevision,
          snapshotRevision: current.snapshotRevision,
          eventsRead: events.length + tallied.length,
          chain: chainHeadOf(toAppend, result.nextExpectedRevision),
          memory: current.memory,
        });
        return {
          outcome,
          state,
          revision: current.revision,
          position: result.position,
          decidedAt,
          attempts: attempt,
          recall: recallOf(current),
        };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        current = this.remember(id, await catchUp(this.store, this.def, id, current));
        if (attempt > 3) await pause(Math.random() * 2 * attempt);
      }
    }
    throw new ConcurrencyConflictError(this.def.streamName(id), this.maxAttempts);
  }

  /**
   * What the decision may recall: the memory, completed from the store first if it does not
   * hold the keys this decision reads (after a cold load from a snapshot).
   */
  private async recallFor(
    id: string,
    current: Loaded<S>,
    command: C,
    now: number,
  ): Promise<Recall | undefined> {
    const spec = this.def.memory;
    const memory = current.memory;
    if (!spec || !memory) return undefined;
    const keys = spec.keysFor(command, current.state);
    await completeMemory(this.store, this.def, id, current, keys, now);
    return memory.recallFor(keys);
  }

  /** Adds what appended events leave in the memory. */
  private memorise(current: Loaded<S>, events: readonly E[], state: S): void {
    const spec = this.def.memory;
    if (!spec || !current.memory) return;
    const window = spec.window(state);
    for (const e of events) current.memory.add(spec.memosOf(e), window);
  }

  /**
   * The events to append, linked to the stream's head as this decision saw it (known from
   * reading the stream, else read now). Recomputed on every attempt: a retry after a conflict
   * links to the new head with its new revisions.
   */
  private async linked(
    stream: string,
    current: Loaded<S>,
    decidedAt: number,
    batches: readonly { readonly events: readonly E[]; readonly metadata: EventMetadata }[],
  ): Promise<NewEvent[]> {
    const unlinked = batches.flatMap(({ events, metadata }) =>
      events.map((e) => ({ id: timeOrderedId(decidedAt), type: e.type, data: e.data, metadata })),
    );
    if (this.options.chain === false) return unlinked;
    const head = current.chain !== undefined ? current.chain : await readHead(this.store, stream);
    return linkEvents(stream, head, unlinked, new Date(decidedAt).toISOString());
  }

  /** U2: folds a refused decision into the aggregate's pending tally (timed on the first). */
  private countRefusal(id: string, refusal: DomainError, at: number): void {
    const pending = this.tallies.get(id);
    const command = this.def.tally?.add(pending?.command ?? null, id, refusal, at) ?? null;
    if (command === null || command === pending?.command) return;
    this.tallies.set(id, { command, timer: pending?.timer ?? this.tallyTimer(id) });
  }

  /** What the decider records for a pending tally, on the state it will be appended to. */
  private tallyEvents(command: C, state: S, now: number): readonly E[] {
    const outcome = this.def.decider.decide(command, state, { now });
    return E.isRight(outcome) ? outcome.right : [];
  }

  private tallyTimer(id: string): NodeJS.Timeout {
    const timer = setTimeout(() => void this.flushTally(id), this.options.tallyWithinMs ?? 1000);
    timer.unref();
    return timer;
  }

  private forgetTally(id: string, tally: PendingTally<C>): void {
    clearTimeout(tally.timer);
    this.tallies.delete(id);
  }

  /** Appends one aggregate's pending tally on its own; kept and retried if it cannot. */
  private flushTally(id: string): Promise<void> {
    return this.lock.run(id, async () => {
      const tally = this.tallies.get(id);
      const definition = this.def.tally;
      if (!tally || !definition) return;
      this.forgetTally(id, tally);
      try {
        await this.decideAndAppend(id, tally.command, definition.metadata());
      } catch (error) {
        this.options.onTallyError?.(error, id);
        if (!this.closed)
          this.tallies.set(id, { command: tally.command, timer: this.tallyTimer(id) });
      }
    });
  }

  private async loaded(id: string): Promise<Loaded<S>> {
    const cached = this.cache.get(id);
    if (cached) return cached;
    return this.remember(id, await loadFromStore(this.store, this.snapshots, this.def, id));
  }

  /**
   * True once the state's own spacing (AggregateDefinition.snapshotSpacing) has passed since
   * the last snapshot. The spacing is computed once per snapshot interval, not per event: it
   * may count the whole state.
   */
  private spaced(id: string, loaded: Loaded<S>): boolean {
    const spacing = this.def.snapshotSpacing;
    if (spacing === undefined || loaded.revision === null) return true;
    const due = this.snapshotDue.get(id);
    if (due !== undefined && loaded.revision < due) return false;
    const base = loaded.snapshotRevision ?? -1n;
    const next = base + BigInt(Math.max(this.snapshotEvery, spacing(loaded.state)));
    if (loaded.revision >= next) {
      this.snapshotDue.delete(id);
      return true;
    }
    this.snapshotDue.set(id, next);
    return false;
  }

  /** Caches the state and snapshots it when enough events accrued since the last snapshot. */
  private remember(id: string, loaded: Loaded<S>): Loaded<S> {
    const since =
      loaded.revision === null ? 0n : loaded.revision - (loaded.snapshotRevision ?? -1n);
    let entry = loaded;
    if (
      loaded.revision !== null &&
      since >= BigInt(this.snapshotEvery) &&
      this.spaced(id, loaded)
    ) {
      entry = { ...loaded, snapshotRevision: loaded.revision };
      const save = this.snapshots
        .save(this.def.streamName(id), {
          revision: loaded.revision,
          schemaVersion: this.def.stateSchemaVersion,
          state: loaded.state,
        })
        .catch((e: unknown) => this.options.onSnapshotError?.(e));
      this.saving.add(save);
      void save.finally(() => this.saving.delete(save));
    }
    this.cache.set(id, entry);
    return entry;
  }
}

const recallOf =
  <S>({ memory }: Loaded<S>): Recall =>
  (key) =>
    memory?.get(key);

const chainHeadOf = (appended: readonly NewEvent[], revision: bigint): KnownHead => {
  const hash = appended[appended.length - 1]?.metadata.hash;
  return hash === undefined ? undefined : { revision, hash };
};

const pause = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

const commandTypeOf = (command: unknown): string =>
  typeof command === 'object' && command !== null && 'type' in command
    ? String((command as { type: unknown }).type)
    : 'command';
