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
  /** Checks that a decided event reads back as itself before it is appended. */
  readonly eventCodec: t.Decoder<unknown, E>;
  /** Reads a stored event through the domain's one decode point (decodeStoredEvent). */
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
  /**
   * U2: what becomes of refusals the domain left unrecorded one by one (O5). The repository
   * keeps one pending tally per aggregate — a command of the decider that records them — and
   * appends what the decider decides for it with the stream's next append, or within
   * RepositoryOptions.tallyWithinMs (and at flushTallies / close), without any other caller.
   */
  readonly tally?: Tallying<C>;
}

export interface Tallying<C> {
  /** The pending tally with one more refused decision; `pending` if it tallies nothing. */
  readonly add: (pending: C | null, id: string, refusal: DomainError, at: number) => C | null;
  /** The metadata of the events that record it (the server records them itself). */
  readonly metadata: () => EventMetadata;
}
