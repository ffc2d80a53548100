import { SystemClock } from '@lic/clock';
import * as E from 'fp-ts/Either';
import { loadConfig, type EventStoreUrl, type ReadDbUrl } from '@lic/config';
import { openSqliteEventStore } from '../src/sqlite/open-sqlite-event-store';

/**
 * What a benchmark really ran against, printed as `BENCH_SETUP {json}` for npm run bench to
 * label its figures with: the store's kind and the settings its adapter reports, never a
 * description written by hand.
 */
export type StoreSetup =
  | {
      readonly kind: 'sqlite';
      readonly file: string;
      readonly journalMode: string;
      readonly synchronous: string;
    }
  | {
      readonly kind: 'esdb';
      /** The gRPC test server (in its own process), or the server at `url`. */
      readonly testServer: boolean;
      readonly url: string;
    };

export type ReadDbSetup =
  | { readonly kind: 'sqlite'; readonly file: string }
  | { readonly kind: 'postgres'; readonly url: string };

/** Credentials never reach a label: `scheme://user:pass@host` loses `user:pass`. */
export const withoutCredentials = (value: string): string =>
  value.replace(/\/\/[^/@\s]*@/g, '//…@');

/**
 * The event store an app opens for `url` — the same call its main makes
 * (openSqliteEventStore({ file, clock })) — with the settings the SQLite adapter reports.
 */
export const appStoreSetup = async (url: EventStoreUrl): Promise<StoreSetup> => {
  if (url.kind === 'esdb') {
    return { kind: 'esdb', testServer: false, url: withoutCredentials(url.connectionString) };
  }
  const stores = openSqliteEventStore({ file: url.file, clock: new SystemClock() });
  try {
    return { kind: 'sqlite', file: url.file, ...stores.settings };
  } finally {
    await stores.eventStore.close();
  }
};

export const readDbSetup = (url: ReadDbUrl): ReadDbSetup =>
  url.kind === 'sqlite'
    ? { kind: 'sqlite', file: url.file }
    : { kind: 'postgres', url: withoutCredentials(url.url) };

/** The stores an app started with `env` opens: its own configuration, parsed as it parses it. */
export const appSetup = async (
  env: Readonly<Record<string, string | undefined>>,
): Promise<{ eventStore: StoreSetup; readDb: ReadDbSetup }> => {
  const config = loadConfig(env);
  if (E.isLeft(config)) throw new Error(config.left);
  return {
    eventStore: await appStoreSetup(config.right.EVENT_STORE),
    readDb: readDbSetup(config.right.READ_DB),
  };
};

/** One line npm run bench reads back (test/bench/figures.ts). */
export const printSetup = (setup: Readonly<Record<string, unknown>>): void => {
  process.stdout.write(`BENCH_SETUP ${JSON.stringify(setup)}\n`);
};
