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
   * Waits for the snapshot saves in flight, so the store can be closed after it with nothing
   * left running. Saves are an optimisation: one that fails is reported, never thrown.
   */
  async close(): Promise<void> {
    while (this.saving.size > 0) await Promise.allSettled([...this.saving]);
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
      checkRoundTrip(
        this.def as AggregateDefinition<unknown, E, unknown>,
        this.def.streamName(id),
        commandTypeOf(command),
        events,
      );
      try {
        const stream = this.def.streamName(id);
        const toAppend = await this.linked(stream, current, events, metadata, decidedAt);
        const result = await this.store.appendToStream(
          stream,
          toAppend,
          current.revision ?? 'no_stream',
        );
        const state = events.reduce(this.def.decider.evolve, current.state);
        this.memorise(current, events, state);
        current = this.remember(id, {
          state,
          revision: result.nextExpectedRevision,
          snapshotRevision: current.snapshotRevision,
          eventsRead: events.length,
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
    events: readonly E[],
    metadata: EventMetadata,
    decidedAt: number,
  ): Promise<NewEvent[]> {
    const unlinked = events.map((e) => ({
      id: timeOrderedId(decidedAt),
      type: e.type,
      data: e.data,
      metadata,
    }));
    if (this.options.chain === false) return unlinked;
    const head = current.chain !== undefined ? current.chain : await readHead(this.store, stream);
    return linkEvents(stream, head, unlinked, new Date(decidedAt).toISOString());
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
