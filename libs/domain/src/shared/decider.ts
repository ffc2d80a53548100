import type { Either } from 'fp-ts/Either';
import type { DomainError } from './errors';

/**
 * What an aggregate's memory holds under a key (undefined: nothing). The memory is kept beside
 * the state, built from the same events, for what grows with traffic and is only ever looked
 * up by key (a license's idempotency records): see license.memory.ts.
 */
export type Recall = (key: string) => unknown;

/** What a decision may read besides the command and the state. */
export interface DecisionContext {
  /** Milliseconds since the epoch, from the caller's clock. */
  readonly now: number;
  /** The aggregate's memory, for the keys the decision declares (absent: it remembers nothing). */
  readonly recall?: Recall;
}

/** Emmett's decider: three functions, no I/O. */
export interface Decider<Command, Event, State> {
  readonly initialState: State;
  readonly evolve: (state: State, event: Event) => State;
  readonly decide: (
    command: Command,
    state: State,
    context: DecisionContext,
  ) => Either<DomainError, readonly Event[]>;
}

export const fold = <E, S>(evolve: (s: S, e: E) => S, initial: S, events: readonly E[]): S =>
  events.reduce(evolve, initial);
