/** Days of each month of a common year; February gains one in a leap year. */
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The digits at `from` (inclusive) to `to` (exclusive) as a number; -1 if one is not 0-9. */
const digits = (s: string, from: number, to: number): number => {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
};

const isLeap = (year: number): boolean => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);

/**
 * True iff `s` is a UTC instant exactly as Date#toISOString writes it for a four-digit year:
 * 2026-11-23T04:55:14.123Z, a real calendar day (proleptic Gregorian, as Date counts),
 * hours 00-23, minutes and seconds 00-59. The same strings as "matches the pattern and
 * survives Date.parse then toISOString unchanged" (iso-instant.spec.ts compares the two),
 * read character by character: every decoded event carries several instants.
 */
export const isIsoInstant = (s: string): boolean => {
  if (
    s.length !== 24 ||
    s.charCodeAt(4) !== 45 || // -
    s.charCodeAt(7) !== 45 || // -
    s.charCodeAt(10) !== 84 || // T
    s.charCodeAt(13) !== 58 || // :
    s.charCodeAt(16) !== 58 || // :
    s.charCodeAt(19) !== 46 || // .
    s.charCodeAt(23) !== 90 // Z
  ) {
    return false;
  }
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 7);
  const day = digits(s, 8, 10);
  const hour = digits(s, 11, 13);
  const minute = digits(s, 14, 16);
  const second = digits(s, 17, 19);
  if (year < 0 || digits(s, 20, 23) < 0) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  const days = (DAYS_IN_MONTH[month - 1] as number) + (month === 2 && isLeap(year) ? 1 : 0);
  return (
    day <= days &&
    hour >= 0 &&
    hour <= 23 &&
    minute >= 0 &&
    minute <= 59 &&
    second >= 0 &&
    second <= 59
  );
};
