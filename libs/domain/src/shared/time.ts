/** Instants are ISO-8601 strings in events and milliseconds since the epoch in arithmetic. */
export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** The instants the Instant codec can carry: four-digit years, 0000-01-01 to 9999-12-31. */
export const EARLIEST_INSTANT_MS = -62_167_219_200_000;
export const LATEST_INSTANT_MS = 253_402_300_799_999;

let lastMs = Number.NaN;
let lastIso = '';
/**
 * An instant as events carry it. Never produces what the Instant codec refuses: an instant
 * past year 9999 (or before year 0) is pinned to the last (first) one the codec can carry.
 * Bounded inputs never get there; this only keeps a policy recorded before the bounds existed
 * from writing an event that cannot be read back.
 */
export const toIso = (ms: number): string => {
  // A decision writes its instant (and a few derived ones) many times: the last one is kept.
  if (ms !== lastMs) {
    lastIso = new Date(
      Math.min(LATEST_INSTANT_MS, Math.max(EARLIEST_INSTANT_MS, ms)),
    ).toISOString();
    lastMs = ms;
  }
  return lastIso;
};
export const fromIso = (iso: string): number => Date.parse(iso);

export const minutes = (n: number): number => n * MINUTE;
export const days = (n: number): number => n * DAY;
