import type { EventStore } from '@lic/event-store';

export interface CopyProgress {
  readonly copied: number;
  readonly position: bigint;
}

/**
 * Copies every event of `from` into `to`, in global order, keeping each event's id, stream,
 * revision, type, data and metadata. Each append names the revision the event had, so the
 * target ends with exactly the source's streams; rerunning after an interruption is safe
 * (both adapters recognise a retried append by its event ids).
 */
export const copyEvents = async (
  from: EventStore,
  to: EventStore,
  onProgress: (p: CopyProgress) => void = () => undefined,
): Promise<CopyProgress> => {
  let copied = 0;
  let position = 0n;
  for await (const e of from.readAll()) {
    await to.appendToStream(
      e.streamName,
      [{ id: e.id, type: e.type, data: e.data, metadata: e.metadata }],
      e.revision === 0n ? 'no_stream' : e.revision - 1n,
    );
    copied++;
    position = e.position;
    if (copied % 1000 === 0) onProgress({ copied, position });
  }
  return { copied, position };
};
