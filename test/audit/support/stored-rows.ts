/** One stored event as an attacker with write access to the store's files sees it. */
export interface StoredRow {
  stream: string;
  revision: bigint;
  position: bigint;
  id: string;
  type: string;
  /** JSON text, as stored. */
  data: string;
  metadata: string;
}

/** A change made behind the server's back: rows in position order in, rows out. */
export type Tamper = (rows: StoredRow[]) => StoredRow[];

const rowAt = (rows: StoredRow[], stream: string, revision: bigint): number => {
  const i = rows.findIndex((r) => r.stream === stream && r.revision === revision);
  if (i < 0) throw new Error(`no ${stream}@${revision} to tamper with`);
  return i;
};

/** Changes one byte of the event's data: the first letter of its first string value. */
export const changeOneByte =
  (stream: string, revision: bigint): Tamper =>
  (rows) => {
    const row = rows[rowAt(rows, stream, revision)];
    const i = row.data.search(/:"[a-z]/) + 2;
    const c = row.data[i];
    row.data = `${row.data.slice(0, i)}${c === 'x' ? 'y' : 'x'}${row.data.slice(i + 1)}`;
    return rows;
  };

/** Deletes the event; `renumber` moves the stream's later events down to close the gap. */
export const deleteEvent =
  (stream: string, revision: bigint, renumber: boolean): Tamper =>
  (rows) => {
    const kept = rows.filter((r) => !(r.stream === stream && r.revision === revision));
    if (renumber) {
      for (const r of kept) if (r.stream === stream && r.revision > revision) r.revision -= 1n;
    }
    return kept;
  };

/** Swaps the content of two events of a stream (each keeps its revision and position). */
export const swapEvents =
  (stream: string, a: bigint, b: bigint): Tamper =>
  (rows) => {
    const x = rows[rowAt(rows, stream, a)];
    const y = rows[rowAt(rows, stream, b)];
    for (const k of ['id', 'type', 'data', 'metadata'] as const) [x[k], y[k]] = [y[k], x[k]];
    return rows;
  };

/** Removes every event of the stream after the revision. */
export const truncateAfter =
  (stream: string, revision: bigint): Tamper =>
  (rows) =>
    rows.filter((r) => !(r.stream === stream && r.revision > revision));
