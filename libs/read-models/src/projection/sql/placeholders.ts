import type { Dialect } from '../../schema/read-db';

/** Positional parameters: `$1, $2…` on PostgreSQL, `?` on SQLite. */
export class Params {
  readonly values: unknown[] = [];
  constructor(private readonly dialect: Dialect) {}

  add(value: unknown): string {
    this.values.push(value);
    return this.dialect === 'postgres' ? `$${this.values.length}` : '?';
  }
}

/** Rows per statement, so that rows × columns stays under both databases' parameter limits. */
export const rowsPerStatement = (columns: number): number =>
  Math.max(1, Math.floor(30_000 / Math.max(1, columns)));

export const chunks = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

export const quote = (identifier: string): string => `"${identifier.replace(/"/g, '""')}"`;
