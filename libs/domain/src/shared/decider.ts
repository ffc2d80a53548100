import type { Either } from 'fp-ts/Either';
import type { DomainError } from './errors';

/** What a decision may read besides the command and the state: the instant it is taken. */
export interface DecisionContext {
  /** Milliseconds since the epoch, from the caller's clock. */
  readonly now: number;
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
