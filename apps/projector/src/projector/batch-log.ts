import type { Logger } from 'pino';
import type { RecordedEvent } from '@lic/event-store';
import type { Checkpoint } from '@lic/read-models';

export const positionOf = (checkpoint: Checkpoint | null): string | null =>
  checkpoint === null || checkpoint.position === null ? null : checkpoint.position.toString(10);

/** The distinct correlation ids of a batch, in order of first appearance. */
export const correlationIdsOf = (batch: readonly RecordedEvent[]): string[] => [
  ...new Set(
    batch
      .map((e) => e.metadata?.correlationId)
      .filter((id): id is string => typeof id === 'string' && id.length > 0),
  ),
];

/**
 * One info line per committed batch — positions, counts, time and the correlation ids of its
 * events, so a request's correlation id leads from the command API's logs to the batch that
 * projected its events — and, at debug level, one line per event.
 */
export const logBatch = (
  logger: Logger,
  batch: readonly RecordedEvent[],
  checkpoint: Checkpoint,
  stats: { batch: number; projected: number; skipped: number; ms: number },
): void => {
  if (logger.isLevelEnabled('debug')) {
    for (const e of batch) {
      logger.debug(
        {
          position: e.position.toString(10),
          stream: e.streamName,
          type: e.type,
          correlationId: e.metadata?.correlationId ?? null,
          actor: e.metadata?.actor ?? null,
        },
        'projector: event',
      );
    }
  }
  if (!logger.isLevelEnabled('info')) return;
  logger.info(
    {
      ...stats,
      events: batch.length,
      from: (batch[0] as RecordedEvent).position.toString(10),
      to: positionOf(checkpoint),
      eventsProjected: checkpoint.eventsProjected.toString(10),
      correlationIds: correlationIdsOf(batch),
    },
    'projector: batch committed',
  );
};
