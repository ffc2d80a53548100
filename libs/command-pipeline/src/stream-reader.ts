import * as E from 'fp-ts/Either';
import type { EventStore, RecordedEvent, SnapshotStore } from '@lic/event-store';
import type { AggregateDefinition, DomainEvent } from './aggregate-definition';
import { headAfter, type KnownHead } from './chain/chain-heads';
import { UndecodableEventError } from './errors';

/** An aggregate's state as of a stream revision (null: the stream does not exist yet). */
export interface Loaded<S> {
  readonly state: S;
  readonly revision: bigint | null;
  /** Revision of the latest snapshot known to exist, or null. */
  readonly snapshotRevision: bigint | null;
  /** Events folded from the stream (not from a snapshot) by the last read. */
  readonly eventsRead: number;
  /** The stream's hash-chain head (undefined: not read yet, e.g. after a snapshot). */
  readonly chain?: KnownHead;
}

/** The stored event, null for one to skip (foreign); an undecodable one stops the fold. */
export const decodeEvent = <E extends DomainEvent>(
  def: AggregateDefinition<unknown, E, unknown>,
  recorded: RecordedEvent,
): E | null => {
  const read = def.readStored(recorded.streamName, recorded.type, recorded.data);
  if (read.kind === 'stop') {
    throw new UndecodableEventError(recorded.streamName, recorded.revision, recorded.type, [
      read.why,
    ]);
  }
  return read.kind === 'event' ? read.event : null;
};

/** Folds the stream's events after `from.revision` into `from.state`. */
export const catchUp = async <C, E extends DomainEvent, S>(
  store: EventStore,
  def: AggregateDefinition<C, E, S>,
  id: string,
  from: Loaded<S>,
): Promise<Loaded<S>> => {
  let { state, revision, chain } = from;
  let eventsRead = 0;
  const stream = def.streamName(id);
  const fromRevision = revision === null ? 0n : revision + 1n;
  for await (const recorded of store.readStream(stream, { fromRevision })) {
    const event = decodeEvent(def as AggregateDefinition<unknown, E, unknown>, recorded);
    if (event !== null) state = def.decider.evolve(state, event);
    revision = recorded.revision;
    chain = headAfter(chain, recorded);
    eventsRead++;
  }
  return { state, revision, snapshotRevision: from.snapshotRevision, eventsRead, chain };
};

/** Cold load: the latest usable snapshot, then the tail of the stream after it. */
export const loadFromStore = async <C, E extends DomainEvent, S>(
  store: EventStore,
  snapshots: SnapshotStore,
  def: AggregateDefinition<C, E, S>,
  id: string,
): Promise<Loaded<S>> => {
  const snapshot = await snapshots.load(def.streamName(id));
  const usable =
    snapshot !== null && snapshot.schemaVersion === def.stateSchemaVersion
      ? def.stateCodec.decode(snapshot.state)
      : null;
  const start: Loaded<S> =
    snapshot !== null && usable !== null && E.isRight(usable)
      ? {
          state: usable.right,
          revision: snapshot.revision,
          snapshotRevision: snapshot.revision,
          eventsRead: 0,
        }
      : {
          state: def.decider.initialState,
          revision: null,
          snapshotRevision: null,
          eventsRead: 0,
          chain: null,
        };
  return catchUp(store, def, id, start);
};
