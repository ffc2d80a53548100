/**
 * better-sqlite3 throws SqliteError with a `code` such as SQLITE_BUSY. Matched on its fields,
 * not with instanceof: the native addon keeps the error class of the first copy of the module
 * loaded in the process, so instanceof (even `instanceof Error`) fails wherever modules are
 * loaded more than once per process, e.g. in jest, where each test file has its own realm.
 */
interface SqliteErrorLike {
  readonly code: string;
  readonly message: string;
}

function asSqliteError(error: unknown): SqliteErrorLike | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return typeof code === 'string' && code.startsWith('SQLITE_') && typeof message === 'string'
    ? { code, message }
    : undefined;
}

const BUSY_CODES = new Set([
  'SQLITE_BUSY',
  'SQLITE_BUSY_SNAPSHOT',
  'SQLITE_BUSY_RECOVERY',
  'SQLITE_LOCKED',
]);

export const isSqliteBusy = (error: unknown): boolean =>
  BUSY_CODES.has(asSqliteError(error)?.code ?? '');

/** A UNIQUE constraint on `columns` (as SQLite names them, e.g. "events.id") failed. */
export function isUniqueViolation(error: unknown, columns: string): boolean {
  const sqlite = asSqliteError(error);
  return sqlite?.code === 'SQLITE_CONSTRAINT_UNIQUE' && sqlite.message.endsWith(`: ${columns}`);
}
