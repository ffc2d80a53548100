import type { RecordedStatement } from '../projection/sql/statement-batch';

/** One batch for the rebuild's writer thread: its rows, then its checkpoint compare-and-set. */
export interface RebuildWrite {
  readonly id: number;
  readonly statements: readonly RecordedStatement[];
  readonly checkpoint: { readonly sql: string; readonly params: readonly unknown[] };
}

/** The thread's answer: committed, or rolled back with why. */
export interface RebuildWritten {
  readonly id: number;
  readonly error?: string;
}
