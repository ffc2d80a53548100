import type { InMemoryLog, LoggedEvent } from './in-memory-log';

/** `$$<stream>` holds the metadata of `<stream>` (EventStoreDB convention). */
export const metastreamOf = (streamName: string): string => `$$${streamName}`;

interface Retention {
  readonly maxCount?: number;
  readonly truncateBefore?: number;
}

function retentionOf(log: InMemoryLog, streamName: string): Retention {
  if (streamName.startsWith('$$')) return {};
  const meta = log.stream(metastreamOf(streamName));
  const latest = meta?.[meta.length - 1];
  if (latest === undefined || latest.contentType !== 'application/json') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(latest.data).toString('utf8'));
  } catch {
    return {};
  }
  if (typeof parsed !== 'object' || parsed === null) return {};
  const { $maxCount, $tb } = parsed as { $maxCount?: unknown; $tb?: unknown };
  return {
    maxCount: Number.isInteger($maxCount) ? ($maxCount as number) : undefined,
    truncateBefore: Number.isInteger($tb) ? ($tb as number) : undefined,
  };
}

/**
 * The events of a stream a read may return: `$maxCount` keeps the last N, `$tb` hides the
 * revisions before it. (A real server hides them at once and removes them at scavenge; `$all`
 * keeps them until then, and so does this log.) undefined: the stream does not exist.
 */
export function visibleStream(
  log: InMemoryLog,
  streamName: string,
): readonly LoggedEvent[] | undefined {
  const events = log.stream(streamName);
  if (events === undefined) return undefined;
  const { maxCount, truncateBefore } = retentionOf(log, streamName);
  let from = 0;
  if (maxCount !== undefined) from = Math.max(from, events.length - maxCount);
  if (truncateBefore !== undefined) from = Math.max(from, truncateBefore);
  return events.slice(from);
}
