import type { EntityManager } from 'typeorm';

/** One write of a batch, its values already bound: run later, on the manager it is given. */
export type DeferredWrite = (manager: EntityManager) => Promise<void>;

/**
 * A PostgreSQL rebuild's batch, recorded instead of run: each TableWriter write binds its rows
 * now (so later batches cannot change what it writes) and leaves the I/O — the COPY, the
 * upsert, the delete — to the rebuild's own connection, which runs the writes in order in the
 * batch's transaction while the next batch is projected.
 */
export class DeferredWrites {
  readonly writes: DeferredWrite[] = [];

  add(write: DeferredWrite): void {
    this.writes.push(write);
  }
}
