/**
 * The SDK answers instants as the server does: ISO-8601 strings in UTC with milliseconds
 * (2026-03-02T09:15:00.000Z). It computes with epoch milliseconds inside.
 */
export const isoOf = (ms: number): string => new Date(ms).toISOString();

export const isoOrNull = (ms: number | null): string | null => (ms === null ? null : isoOf(ms));
