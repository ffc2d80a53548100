import type { DataSource, QueryRunner } from 'typeorm';
import { DeferredWrites } from '../projection/sql/deferred-writes';
import type { BatchRecord, RebuildSink } from './rebuild-pipe';
import type { RebuildWrite } from './rebuild-writer-messages';

/**
 * A PostgreSQL rebuild's sink: a connection of its own (from the data source's pool) commits
 * each batch's bound writes and then its checkpoint compare-and-set in one transaction, one
 * batch after the other, while the main thread projects the next: the server ingests one
 * batch's COPY while Node reads, decodes and applies the next (a sequential rebuild left the
 * event loop idle for a third of the time, waiting for the server). A batch that fails is
 * rolled back and fails every later one.
 */
export class PgRebuildWriter implements RebuildSink {
  private tail: Promise<void> = Promise.resolve();
  private broken: Error | null = null;

  private constructor(private readonly runner: QueryRunner) {}

  static async open(dataSource: DataSource): Promise<PgRebuildWriter> {
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    return new PgRebuildWriter(runner);
  }

  record(): DeferredWrites {
    return new DeferredWrites();
  }

  commit(batch: BatchRecord, checkpoint: RebuildWrite['checkpoint']): Promise<void> {
    if (!(batch instanceof DeferredWrites)) {
      return Promise.reject(
        new Error("a PostgreSQL rebuild's connection runs deferred writes only"),
      );
    }
    const committed = this.tail.then(() => this.run(batch, checkpoint));
    this.tail = committed.catch(() => undefined);
    return committed;
  }

  /** Waits for every batch handed over to settle, then gives the connection back. */
  async close(): Promise<void> {
    await this.tail;
    await this.runner.release();
  }

  private async run(batch: DeferredWrites, checkpoint: RebuildWrite['checkpoint']) {
    if (this.broken !== null) throw this.broken;
    await this.runner.startTransaction();
    try {
      for (const write of batch.writes) await write(this.runner.manager);
      const moved = await this.runner.query(checkpoint.sql, [...checkpoint.params], true);
      if (moved.affected !== 1) {
        throw new Error('the read-model checkpoint moved during the rebuild');
      }
      await this.runner.commitTransaction();
    } catch (error) {
      this.broken = error instanceof Error ? error : new Error(String(error));
      if (this.runner.isTransactionActive) {
        await this.runner.rollbackTransaction().catch(() => undefined);
      }
      throw this.broken;
    }
  }
}
