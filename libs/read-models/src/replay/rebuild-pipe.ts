import type { ProjectionCache } from '../projection/projection-cache';
import type { ProjectedEvent } from '../projection/projected-event';
import type { RecordedStatement } from '../projection/sql/statement-batch';
import type { RebuildWrite } from './rebuild-writer-messages';
import type { RebuildWriterThread } from './rebuild-writer-thread';

/** Batches handed to the writer thread and not yet committed, at most (bounds the memory). */
const IN_FLIGHT = 2;

/**
 * A SQLite rebuild's pipeline: while the writer thread commits one batch, the main thread reads,
 * decodes and applies the next. Reads of the read models wait for every batch handed over
 * (`drain`), so they see what a sequential rebuild would. The rebuild starts from empty tables:
 * a license or product it has not written yet is known to have no rows (`seed`), so most
 * batches never read the database.
 */
export class RebuildPipe {
  private readonly inFlight: Promise<void>[] = [];
  private readonly seenLicenses = new Set<string>();
  private readonly seenProducts = new Set<string>();

  constructor(private readonly thread: RebuildWriterThread) {}

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

  /** Hands a batch to the thread; waits while IN_FLIGHT batches are still uncommitted. */
  async post(
    statements: readonly RecordedStatement[],
    checkpoint: RebuildWrite['checkpoint'],
  ): Promise<void> {
    const written = this.thread.write(statements, checkpoint);
    written.catch(() => undefined); // awaited below or by drain, in order
    this.inFlight.push(written);
    while (this.inFlight.length > IN_FLIGHT) await this.inFlight.shift();
  }

  /** Waits until every batch handed over is committed; throws the first failure. */
  readonly drain = async (): Promise<void> => {
    while (this.inFlight.length > 0) await this.inFlight.shift();
  };
}
