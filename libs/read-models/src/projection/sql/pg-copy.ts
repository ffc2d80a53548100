import type { Connection, Submittable } from 'pg';

/** Bytes per CopyData message (the server takes up to 1 GB; smaller keeps buffers small). */
const CHUNK_BYTES = 1 << 20;

// eslint-disable-next-line no-control-regex
const SPECIAL = /[\\\n\r\t\u0000]/;
// eslint-disable-next-line no-control-regex
const SPECIALS = /[\\\n\r\t\u0000]/g;
const ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/**
 * One value in COPY's text format, as the driver would have bound it (after the column's
 * transformer): `\N` for null, t/f for booleans, text with backslash, newline, carriage return
 * and tab escaped. NUL cannot be stored in PostgreSQL text: the writer has already replaced it
 * (storableText); one left here is refused rather than sent.
 */
export const copyField = (value: unknown): string => {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value !== 'string') throw new TypeError(`no COPY text for a ${typeof value} value`);
  if (!SPECIAL.test(value)) return value;
  return value.replace(SPECIALS, (c) => {
    const escaped = ESCAPES[c];
    if (escaped === undefined) throw new TypeError('NUL in text sent to COPY');
    return escaped;
  });
};

/** Rows (bound values in column order) as COPY text, cut into messages of about 1 MB. */
export const copyChunks = (rows: readonly (readonly unknown[])[]): Buffer[] => {
  const chunks: Buffer[] = [];
  let text = '';
  for (const row of rows) {
    text += `${row.map(copyField).join('\t')}\n`;
    if (text.length >= CHUNK_BYTES) {
      chunks.push(Buffer.from(text, 'utf8'));
      text = '';
    }
  }
  if (text.length > 0) chunks.push(Buffer.from(text, 'utf8'));
  return chunks;
};

/** The pg client's protocol calls a COPY FROM STDIN needs (pg's Connection, typed narrowly). */
interface CopyConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

/**
 * `COPY … FROM STDIN` on a pg client, as a Submittable (pg's interface for custom queries, as
 * pg-cursor uses): the client routes the server's messages for it here. The rows are all in
 * memory (one batch), so they are sent at once when the server asks for them; the promise
 * settles when the server is ready for the next query, or at the first error.
 */
export class CopyFrom implements Submittable {
  readonly done: Promise<void>;
  private settle!: (error: Error | null) => void;
  private error: Error | null = null;

  constructor(
    private readonly sql: string,
    private readonly chunks: readonly Buffer[],
  ) {
    this.done = new Promise<void>((resolve, reject) => {
      let settled = false;
      this.settle = (error) => {
        if (settled) return;
        settled = true;
        if (error === null) resolve();
        else reject(error);
      };
    });
  }

  submit(connection: Connection): void {
    (connection as unknown as CopyConnection).query(this.sql);
  }

  handleCopyInResponse(connection: Connection): void {
    const copy = connection as unknown as CopyConnection;
    for (const chunk of this.chunks) copy.sendCopyFromChunk(chunk);
    copy.endCopyFrom();
  }

  handleCommandComplete(): void {
    // The count of rows copied; the rows are known already.
  }

  handleError(error: Error): void {
    this.error = error;
    this.settle(error);
  }

  handleReadyForQuery(): void {
    this.settle(this.error);
  }
}

/** The query method of a pg client (a PoolClient), as far as a Submittable needs it. */
export interface SubmittingClient {
  query<T extends Submittable>(submittable: T): T;
}

/** Copies `rows` into `table (names)` on `client`, inside whatever transaction it is in. */
export const copyInto = async (
  client: SubmittingClient,
  table: string,
  names: string,
  rows: readonly (readonly unknown[])[],
): Promise<void> => {
  if (rows.length === 0) return;
  const copy = new CopyFrom(`COPY ${table} (${names}) FROM STDIN`, copyChunks(rows));
  client.query(copy);
  await copy.done;
};
