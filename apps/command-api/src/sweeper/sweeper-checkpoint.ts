import type { SnapshotStore } from '@lic/event-store';

/** Where the sweeper keeps its checkpoint: a snapshot beside the streams, not an event. */
export const SWEEPER_CHECKPOINT = 'sweeper-checkpoint';
const SCHEMA = 'sweeper-checkpoint/1';

/**
 * What the sweeper knew at a position of `$all`: every license that had a deadline, or whose
 * deadline it had not looked at yet, after every event up to `position`. A license outside it
 * had no deadline then, and can only get one through a later event — which the sweeper reads
 * when it starts after `position`. Several instances may save theirs: each is true at its own
 * position, and a save never replaces a later one (the snapshot store keeps the newest).
 */
export interface SweeperCheckpoint {
  readonly position: bigint;
  readonly licenses: readonly string[];
}

const isStrings = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((id) => typeof id === 'string');

/** The saved checkpoint, or null (none yet, or one of another shape: start from the beginning). */
export const loadSweeperCheckpoint = async (
  snapshots: SnapshotStore,
): Promise<SweeperCheckpoint | null> => {
  const snapshot = await snapshots.load(SWEEPER_CHECKPOINT);
  if (snapshot === null || snapshot.schemaVersion !== SCHEMA) return null;
  const licenses = (snapshot.state as { licenses?: unknown } | null)?.licenses;
  return isStrings(licenses) ? { position: snapshot.revision, licenses } : null;
};

export const saveSweeperCheckpoint = (
  snapshots: SnapshotStore,
  checkpoint: SweeperCheckpoint,
): Promise<void> =>
  snapshots.save(SWEEPER_CHECKPOINT, {
    revision: checkpoint.position,
    schemaVersion: SCHEMA,
    state: { licenses: checkpoint.licenses },
  });
