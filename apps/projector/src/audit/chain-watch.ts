import type { Logger } from 'pino';
import { ChainVerifier, linkOf, type ChainBreak } from '@lic/audit-chain';
import type { EventStore, RecordedEvent } from '@lic/event-store';
import type { Metrics } from '@lic/observability';

/** A chain break as the projector's status and readiness show it. */
export interface ChainAlarm {
  readonly breaks: number;
  readonly first: {
    readonly stream: string;
    readonly revision: string;
    readonly kind: string;
    readonly detail: string;
  };
}

/** Streams whose head is kept between batches (each ~200 bytes). */
const STREAMS_KEPT = 100_000;

/**
 * Checks the hash-chain link of every event the projector receives against the one before it
 * in its stream (read from the store once for a stream first met mid-way). A link that does
 * not verify is logged, counted (license_chain_breaks_total) and held in status() for
 * readiness — the projection goes on, but never silently past it.
 */
export class ChainWatch {
  private readonly verifier = new ChainVerifier();
  private count = 0;
  private first: ChainBreak | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly logger: Logger,
    private readonly metrics?: Metrics,
  ) {}

  async inspect(batch: readonly RecordedEvent[]): Promise<void> {
    for (const event of batch) {
      try {
        if (!this.verifier.knows(event.streamName) && event.revision > 0n) await this.seed(event);
        const found = this.verifier.add(event);
        if (found !== null) this.alarm(found);
      } catch (error) {
        this.logger.warn(
          { err: error, stream: event.streamName, revision: event.revision.toString(10) },
          'projector: could not check a chain link (store unreadable); going on',
        );
      }
    }
    this.verifier.forgetBeyond(STREAMS_KEPT);
  }

  status(): ChainAlarm | null {
    if (this.first === null) return null;
    const { stream, revision, kind, detail } = this.first;
    return { breaks: this.count, first: { stream, revision: revision.toString(10), kind, detail } };
  }

  /** Learns the stream's head before `event`: its previous event, or its unchained prefix. */
  private async seed(event: RecordedEvent): Promise<void> {
    const stream = event.streamName;
    const before = event.revision - 1n;
    for await (const prev of this.store.readStream(stream, {
      fromRevision: before,
      direction: 'backwards',
      maxCount: 1,
    })) {
      const link = linkOf(prev);
      if (link.kind === 'chained' && prev.revision === before) {
        this.verifier.seed(stream, { revision: before, hash: link.hash });
        return;
      }
    }
    for await (const prev of this.store.readStream(stream, { maxCount: Number(before) + 1 })) {
      this.verifier.add(prev);
    }
  }

  private alarm(found: ChainBreak): void {
    this.count++;
    this.first ??= found;
    this.metrics?.chainBreaks.inc({ kind: found.kind });
    this.logger.error(
      {
        stream: found.stream,
        revision: found.revision.toString(10),
        kind: found.kind,
        detail: found.detail,
      },
      'projector: an event does not verify against its hash chain (the history was altered)',
    );
  }
}
