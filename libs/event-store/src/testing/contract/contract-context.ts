import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  RecordedEvent,
  SnapshotStore,
} from '../../event-store.port';

/** What a contract run needs from an adapter. */
export interface EventStoreUnderTest {
  readonly eventStore: EventStore;
  readonly snapshotStore: SnapshotStore;
  /**
   * Ends every live subscription call on the server side, as a transport failure would; returns
   * how many were dropped. Only a test double can offer it; the drop test is skipped without it.
   */
  readonly dropSubscriptions?: () => number;
  close(): Promise<void>;
}

/** Shared by the contract's sections; the store is opened in beforeAll, so read it lazily. */
export interface ContractContext {
  readonly store: EventStoreUnderTest;
  readonly eventStore: EventStore;
  readonly snapshotStore: SnapshotStore;
  /** A stream name unique to this run. */
  stream(label: string): string;
  append(name: string, events: NewEvent[], expected?: ExpectedRevision): Promise<AppendResult>;
  /** readAll, collected (strictly after `after` when given). */
  readDomain(after?: bigint): Promise<RecordedEvent[]>;
}

export const ids = (events: readonly { id: string }[]): string[] => events.map((e) => e.id);
