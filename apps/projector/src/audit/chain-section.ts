import type { ChainReport } from '@lic/audit-chain';

/** The hash-chain part of `npm run audit:verify`'s report. */
export const chainSection = (r: ChainReport): string =>
  [
    `hash chain: ${r.events} events in ${r.streams} streams; ${r.chainedEvents} chained, ` +
      `${r.unchainedPrefixEvents} recorded before the chain existed (unchained prefix)`,
    ...(r.breaks.length === 0
      ? ['every link verifies']
      : [
          `${r.breaks.length} stream(s) do NOT verify; first break of each:`,
          ...r.breaks.map((b) => `  ${b.stream}@${b.revision} ${b.kind}: ${b.detail}`),
        ]),
  ].join('\n');
