import * as E from 'fp-ts/Either';
import type { EventStore, RecordedEvent, SnapshotStore } from '@lic/event-store';
import type { AggregateDefinition, DomainEvent, StoredMemo } from './aggregate-definition';
import { headAfter, type KnownHead } from './chain/chain-heads';
import { UndecodableEventError } from './errors';
import { MEMORY_SLACK, StreamMemory } from './stream-memory';

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
  /**
   * The aggregate's memory (AggregateDefinition.memory), kept beside the state: one object per
   * stream, carried from one Loaded to the next and completed with every event folded.
   */
  readonly memory?: StreamMemory;
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
  const { memory } = from;
  let eventsRead = 0;
  const stream = def.streamName(id);
  const fromRevision = revision === null ? 0n : revision + 1n;
  for await (const recorded of store.readStream(stream, { fromRevision })) {
    const event = decodeEvent(def as AggregateDefinition<unknown, E, unknown>, recorded);
    if (event !== null) {
      state = def.decider.evolve(state, event);
      if (memory && def.memory) memory.add(def.memory.memosOf(event), def.memory.window(state));
    }
    revision = recorded.revision;
    chain = headAfter(chain, recorded);
    eventsRead++;
  }
  return { state, revision, snapshotRevision: from.snapshotRevision, eventsRead, chain, memory };
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
          memory: def.memory ? new StreamMemory(snapshot.revision) : undefined,
        }
      : {
          state: def.decider.initialState,
          revision: null,
          snapshotRevision: null,
          eventsRead: 0,
          chain: null,
          memory: def.memory ? new StreamMemory(null) : undefined,
        };
  return catchUp(store, def, id, start);
};

/**
 * Makes `loaded.memory` answer `keys`: when one of them is not held and the memos of the
 * events up to the snapshot are missing (a cold load), reads those events back, newest first,
 * down to the first one decided before the memory's window as of `now`.
 */
export const completeMemory = async <C, E extends DomainEvent, S>(
  store: EventStore,
  def: AggregateDefinition<C, E, S>,
  id: string,
  loaded: Loaded<S>,
  keys: readonly string[],
  now: number,
): Promise<void> => {
  const { memory } = loaded;
  const spec = def.memory;
  const upTo = memory?.missing ?? null;
  if (!memory || !spec || upTo === null || memory.answers(keys)) return;
  const window = spec.window(loaded.state);
  const since = now - window - MEMORY_SLACK;
  const older: (readonly StoredMemo[])[] = [];
  const reading = store.readStream(def.streamName(id), {
    fromRevision: upTo,
    direction: 'backwards',
  });
  for await (const recorded of reading) {
    const event = decodeEvent(def as AggregateDefinition<unknown, E, unknown>, recorded);
    if (event === null) continue;
    if (spec.eventAt(event) < since) break;
    older.push(spec.memosOf(event));
  }
  memory.backfill(older, now, window);
};
