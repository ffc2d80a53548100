import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';

/** A CSV cell: text, a number, a boolean, or nothing (an empty cell). */
export type CsvValue = string | number | boolean | null | undefined;

/**
 * RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. A text that a
 * spreadsheet would run as a formula (=, +, -, @ first) is prefixed with an apostrophe (OWASP
 * CSV injection); numbers are written as numbers.
 */
export const csvField = (value: CsvValue): string => {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d+(\.\d+)?$/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export const csvRow = (values: readonly CsvValue[]): string =>
  `${values.map(csvField).join(',')}\r\n`;

/** A whole table as CSV text: a header row, then one row per record. */
export const csvTable = (columns: readonly string[], rows: readonly (readonly CsvValue[])[]) =>
  [csvRow(columns), ...rows.map(csvRow)].join('');

/** Marks a reply as a CSV download named `name.csv` (its body is sent by the caller). */
export const csvHeaders = (reply: FastifyReply, name: string): FastifyReply =>
  reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${name}.csv"`)
    .header('cache-control', 'no-store');

/** Sends CSV (a string or a stream of lines) as a download named `name.csv`. */
export const sendCsv = async (
  reply: FastifyReply,
  name: string,
  body: string | AsyncIterable<string>,
): Promise<void> => {
  await csvHeaders(reply, name).send(typeof body === 'string' ? body : Readable.from(body));
};

/** Streams NDJSON lines as a download named `name.ndjson`. */
export const sendNdjson = async (
  reply: FastifyReply,
  name: string,
  lines: AsyncIterable<string>,
): Promise<void> => {
  await reply
    .header('content-type', 'application/x-ndjson')
    .header('content-disposition', `attachment; filename="${name}.ndjson"`)
    .header('cache-control', 'no-store')
    .send(Readable.from(lines));
};
