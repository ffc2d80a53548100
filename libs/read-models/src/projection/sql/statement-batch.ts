/** One SQL text and the values of its consecutive runs, laid end to end. */
export interface RecordedStatement {
  readonly sql: string;
  /** Values per run: the statement's parameter count. */
  readonly width: number;
  readonly values: unknown[];
}

/**
 * A transaction's SQLite statement runs, recorded in order instead of run: what a rebuild hands
 * to its writer thread (rebuild-writer-thread.ts). Consecutive runs of one SQL text share an
 * entry, whose values the caller appends to.
 */
export class StatementBatch {
  readonly statements: RecordedStatement[] = [];

  /** The array to append the next runs' values of `sql` (`width` values a run) to. */
  values(sql: string, width: number): unknown[] {
    let last = this.statements[this.statements.length - 1];
    if (last === undefined || last.sql !== sql || last.width !== width) {
      last = { sql, width, values: [] };
      this.statements.push(last);
    }
    return last.values;
  }
}
