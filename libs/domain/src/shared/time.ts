/** Instants are ISO-8601 strings in events and milliseconds since the epoch in arithmetic. */
export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const toIso = (ms: number): string => new Date(ms).toISOString();
export const fromIso = (iso: string): number => Date.parse(iso);

export const minutes = (n: number): number => n * MINUTE;
export const days = (n: number): number => n * DAY;
