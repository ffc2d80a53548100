import {
  BACKWARDS,
  END,
  NO_STREAM,
  StreamNotFoundError,
  WrongExpectedVersionError,
  jsonEvent,
  type EventStoreDBClient,
} from '@eventstore/db-client';
import type { CallGate } from '../call-gate';
import { MalformedEventError } from '../event-json';
import { positionFromString, type Snapshot, type SnapshotStore } from '../event-store.port';
import { snapshotStreamOf } from '../stream-names';
import { Deadline } from './esdb-deadline';
import { iterateWithin } from './esdb-read';

const SNAPSHOT_EVENT_TYPE = 'Snapshot';
/** Saves that lose a race re-read and try again this many times. */
const SAVE_ATTEMPTS = 10;

interface StoredSnapshot {
  readonly snapshot: Snapshot;
  /** Revision of the snapshot event in its own stream (for the next optimistic append). */
  readonly eventRevision: bigint;
}

/**
 * Latest snapshot per stream in `snapshot-<stream>`, a stream with `$maxCount: 1` so the
 * server keeps only the newest. Saves are optimistic appends against the revision last read,
 * so a concurrent save with an older revision can never replace a newer one.
 */
export class EsdbSnapshotStore implements SnapshotStore {
  constructor(
    private readonly client: EventStoreDBClient,
    private readonly gate: CallGate,
    private readonly deadlineMs: number,
  ) {}

  async load(streamName: string): Promise<Snapshot | null> {
    const what = `load snapshot of ${streamName}`;
    return this.gate.run(what, async () => {
      const deadline = new Deadline(this.deadlineMs, what);
      return (await deadline.race(this.latest(streamName, deadline)))?.snapshot ?? null;
    });
  }

  /** Counted by the gate: closing the store waits for a save in flight. */
  async save(streamName: string, snapshot: Snapshot): Promise<void> {
    const what = `save snapshot of ${streamName}`;
    return this.gate.run(what, () => {
      const deadline = new Deadline(this.deadlineMs, what);
      return deadline.race(this.write(streamName, snapshot, deadline));
    });
  }

  private async write(streamName: string, snapshot: Snapshot, deadline: Deadline): Promise<void> {
    const snapshotStream = snapshotStreamOf(streamName);
    const event = () =>
      jsonEvent({
        type: SNAPSHOT_EVENT_TYPE,
        data: {
          revision: snapshot.revision.toString(10),
          schemaVersion: snapshot.schemaVersion,
          state: snapshot.state,
        },
      });
    for (let attempt = 1; attempt <= SAVE_ATTEMPTS; attempt++) {
      const stored = await this.latest(streamName, deadline);
      if (stored !== undefined && stored.snapshot.revision >= snapshot.revision) return;
      if (stored === undefined) {
        await this.client.setStreamMetadata(
          snapshotStream,
          { maxCount: 1 },
          { deadline: deadline.remainingMs },
        );
      }
      try {
        await this.client.appendToStream(snapshotStream, event(), {
          expectedRevision: stored === undefined ? NO_STREAM : stored.eventRevision,
          deadline: deadline.remainingMs,
        });
        return;
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
      }
    }
    throw new Error(`save snapshot of ${streamName}: lost ${SAVE_ATTEMPTS} races in a row`);
  }

  private async latest(
    streamName: string,
    deadline: Deadline,
  ): Promise<StoredSnapshot | undefined> {
    const snapshotStream = snapshotStreamOf(streamName);
    const read = this.client.readStream(snapshotStream, {
      direction: BACKWARDS,
      fromRevision: END,
      maxCount: 1,
    });
    try {
      for await (const resolved of iterateWithin(read, deadline)) {
        const event = resolved.event;
        if (event === undefined) continue;
        return {
          snapshot: decodeSnapshot(event.data, snapshotStream),
          eventRevision: event.revision,
        };
      }
      return undefined;
    } catch (error) {
      if (error instanceof StreamNotFoundError) return undefined;
      throw error;
    }
  }
}

function decodeSnapshot(data: unknown, where: string): Snapshot {
  if (typeof data !== 'object' || data === null) {
    throw new MalformedEventError(where, 'snapshot data is not an object');
  }
  const { revision, schemaVersion, state } = data as Record<string, unknown>;
  const parsedRevision = typeof revision === 'string' ? positionFromString(revision) : null;
  if (parsedRevision === null)
    throw new MalformedEventError(where, 'snapshot revision is not a decimal string');
  if (typeof schemaVersion !== 'string') {
    throw new MalformedEventError(where, 'snapshot schemaVersion is not a string');
  }
  return { revision: parsedRevision, schemaVersion, state };
}
