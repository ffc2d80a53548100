/**
 * How many turns the event loop took while `work` ran, and what it gave. A SQLite read, or a
 * pass over what is already in memory, is synchronous: work that only awaited promises between
 * its steps would finish in one turn, and every request waiting on that loop would wait for all
 * of it.
 */
export const turnsDuring = async <T>(
  work: () => Promise<T>,
): Promise<{ readonly result: T; readonly turns: number }> => {
  let turns = 0;
  let counting = true;
  const tick = () => {
    if (!counting) return;
    turns++;
    setImmediate(tick);
  };
  setImmediate(tick);
  try {
    return { result: await work(), turns };
  } finally {
    counting = false;
  }
};
