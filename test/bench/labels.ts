import type { ReadDbSetup, StoreSetup } from '../../libs/event-store/bench/store-setup';

/** The Store column of BENCHMARKS.md, from what a bench reported it ran against. */
export const storeLabel = (s: StoreSetup): string => {
  if (s.kind === 'sqlite') {
    return `SQLite event store (embedded file, journal_mode=${s.journalMode}, synchronous=${s.synchronous})`;
  }
  return s.testServer
    ? 'ESDB adapter against the gRPC test server in its own process (not a real EventStoreDB)'
    : `EventStoreDB at ${s.url}`;
};

const hostOf = (url: string): string => {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}`;
  } catch {
    return url;
  }
};

export const readDbLabel = (r: ReadDbSetup): string =>
  r.kind === 'sqlite' ? 'SQLite read models' : `PostgreSQL read models (${hostOf(r.url)})`;

/** A figure whose bench did not report its setup says so, rather than guessing. */
export const NOT_REPORTED = 'not reported by the bench';
