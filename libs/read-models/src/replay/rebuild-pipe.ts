import type { ProjectionCache } from '../projection/projection-cache';
import type { ProjectedEvent } from '../projection/projected-event';
import type { DeferredWrites } from '../projection/sql/deferred-writes';
import type { StatementBatch } from '../projection/sql/statement-batch';
import type { RebuildWrite } from './rebuild-writer-messages';

/** Batches handed over and not yet committed, at most (bounds the memory). */
const IN_FLIGHT = 2;

/** A batch's record of its writes, as its sink runs them. */
export type BatchRecord = StatementBatch | DeferredWrites;

/**
 * Where a piped rebuild's batches are committed, each in one transaction (its rows, then its
 * checkpoint compare-and-set), in the order they are handed over: SQLite's writer thread
 * (RebuildWriterThread), or a PostgreSQL connection of the rebuild's own (PgRebuildWriter).
 * A batch that fails fails every later one.
 */
export interface RebuildSink {
  /** An empty record for the next batch's writes. */
  record(): BatchRecord;
  commit(batch: BatchRecord, checkpoint: RebuildWrite['checkpoint']): Promise<void>;
}

/**
 * A rebuild's pipeline: while the sink commits one batch, the main thread reads, decodes and
 * applies the next. Reads of the read models wait for every batch handed over (`drain`), so
 * they see what a sequential rebuild would. The rebuild starts from empty tables: a license or
 * product it has not written yet is known to have no rows (`seed`), so most batches never read
 * the database.
 */
export class RebuildPipe {
  private readonly inFlight: Promise<void>[] = [];
  private readonly seenLicenses = new Set<string>();
  private readonly seenProducts = new Set<string>();

  constructor(private readonly sink: RebuildSink) {}

  /** The sink's record for the next batch. */
  record(): BatchRecord {
    return this.sink.record();
  }

  /** Caches as empty every license and product of `events` this rebuild has not written. */
  seed(cache: ProjectionCache, events: readonly ProjectedEvent[]): void {
    const licenses: string[] = [];
    const products: string[] = [];
    for (const p of events) {
      if (p.kind === 'license' && !this.seenLicenses.has(p.event.data.licenseId)) {
        this.seenLicenses.add(p.event.data.licenseId);
        licenses.push(p.event.data.licenseId);
      }
      if (p.kind === 'product' && !this.seenProducts.has(p.event.data.productId)) {
        this.seenProducts.add(p.event.data.productId);
        products.push(p.event.data.productId);
      }
    }
    cache.seedEmpty(licenses, products);
  }

  /** Hands a batch to the sink; waits while IN_FLIGHT batches are still uncommitted. */
  async post(batch: BatchRecord, checkpoint: RebuildWrite['checkpoint']): Promise<void> {
    const written = this.sink.commit(batch, checkpoint);
    written.catch(() => undefined); // awaited below or by drain, in order
    this.inFlight.push(written);
    while (this.inFlight.length > IN_FLIGHT) await this.inFlight.shift();
  }

  /** Waits until every batch handed over is committed; throws the first failure. */
  readonly drain = async (): Promise<void> => {
    while (this.inFlight.length > 0) await this.inFlight.shift();
  };
}
