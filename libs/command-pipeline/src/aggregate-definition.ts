import type * as t from 'io-ts';
import type { Decider, Foldable } from '@lic/domain';

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
}
