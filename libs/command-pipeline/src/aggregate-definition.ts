import type * as t from 'io-ts';
import type { Decider, DomainError, Foldable } from '@lic/domain';
import type { EventMetadata } from '@lic/event-store';

/** A domain event as the deciders produce it: a versioned type name and a JSON object. */
export interface DomainEvent {
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** Everything the pipeline needs to run one aggregate's decider against an event store. */
export interface AggregateDefinition<C, E extends DomainEvent, S> {
  readonly name: string;
  readonly decider: Decider<C, E, S>;
  readonly streamName: (id: string) => string;
  /**
   * Reads a stored event through the domain's one decode point (decodeStoredEvent); a decided
   * event is appended only if it reads back through it as itself (round-trip.ts).
   */
  readonly readStored: (streamName: string, type: string, data: unknown) => Foldable<E>;
  /** Decodes a stored snapshot of the state. */
  readonly stateCodec: t.Decoder<unknown, S>;
  /** A snapshot written under another version is ignored. */
  readonly stateSchemaVersion: string;
  /**
   * How many events a snapshot of this state is worth waiting for, at least (default: none).
   * A state that grows with traffic costs more to write: snapshotting it only every so many
   * events keeps the writing cost per event bounded, and a cold load reads at most that many
   * events after it.
   */
  readonly snapshotSpacing?: (state: S) => number;
  /** What the aggregate keeps beside its state, looked up by key (default: nothing). */
  readonly memory?: AggregateMemory<C, E, S>;
  /**
   * U2: what becomes of refusals the domain left unrecorded one by one (O5). The repository
   * keeps one pending tally per aggregate — a command of the decider that records them — and
   * appends what the decider decides for it with the stream's next append, or within
   * RepositoryOptions.tallyWithinMs (and at flushTallies / close), without any other caller.
   */
  readonly tally?: Tallying<C>;
}

/** One memo as the pipeline keeps it: the domain's value is opaque here. */
export interface StoredMemo {
  readonly key: string;
  /** When its event was decided (epoch ms): memos older than the window are dropped. */
  readonly at: number;
  readonly value: unknown;
}

/**
 * What an aggregate keeps beside its state (see the domain's license.memory.ts): keyed memos
 * that grow with traffic and that a decision only looks up by key. They are never part of the
 * state, so a decision does not copy them and a snapshot does not write them; the memory is
 * rebuilt from the events of the retention window after a restart.
 */
export interface AggregateMemory<C, E, S> {
  /** The memos one event leaves. */
  readonly memosOf: (event: E) => readonly StoredMemo[];
  /** The keys the decision of `command` against `state` reads (it may read no other). */
  readonly keysFor: (command: C, state: S) => readonly string[];
  /** How long a memo can matter to a decision (ms), by the state's policy. */
  readonly window: (state: S) => number;
  /** The instant an event was decided (ms). */
  readonly eventAt: (event: E) => number;
}

export interface Tallying<C> {
  /** The pending tally with one more refused decision; `pending` if it tallies nothing. */
  readonly add: (pending: C | null, id: string, refusal: DomainError, at: number) => C | null;
  /** The metadata of the events that record it (the server records them itself). */
  readonly metadata: () => EventMetadata;
}
