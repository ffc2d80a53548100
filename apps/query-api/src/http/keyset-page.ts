/** A page of a list read by keyset: its items and the cursor that continues it (or null). */
export interface KeysetPage<T> {
  readonly items: T[];
  readonly next_cursor: string | null;
}

/**
 * The page from `limit + 1` rows read: the first `limit`, and — when the extra row shows there
 * are more — the cursor of the last one kept.
 */
export const keysetPage = <T>(
  rows: readonly T[],
  limit: number,
  cursorOf: (row: T) => string,
): KeysetPage<T> => {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, next_cursor: rows.length > limit && last !== undefined ? cursorOf(last) : null };
};
