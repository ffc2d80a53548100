import * as E from 'fp-ts/Either';
import { argsOrExit, EXIT, type CliSpec } from '@lic/cli';
import { SystemClock } from '@lic/clock';
import { loadConfig, type EventStoreUrl } from '@lic/config';
import { openEventStore } from '@lic/event-store';
import { copyEvents } from './copy-events';

const open = (url: EventStoreUrl, deadlineMs: number) =>
  openEventStore(url, { clock: new SystemClock(), deadlineMs });

/**
 * npm run store:copy -- <from> <to>: moves an installation's whole history from one event store
 * to another, e.g. from the embedded SQLite file to KurrentDB:
 *   npm run store:copy -- sqlite:./data/events.db 'kurrentdb://localhost:2113?tls=false'
 * Then point EVENT_STORE at the target and rebuild the read models (npm run projector:rebuild).
 */
const copyStoreCli: CliSpec = {
  name: 'store:copy',
  command: 'npm run store:copy --',
  summary:
    'Copies the whole history of one event store into another — events with their ids, streams\n' +
    'and revisions; safe to rerun. Then point EVENT_STORE at <to> and run projector:rebuild.',
  positionals: [
    { name: 'from', description: 'sqlite:<file> or kurrentdb://host:2113?tls=false' },
    { name: 'to', description: 'sqlite:<file> or kurrentdb://host:2113?tls=false' },
  ],
  exitCodes: { 0: 'copied (the count and last position are printed)', 1: 'the copy failed' },
  examples: ["npm run store:copy -- sqlite:./data/events.db 'esdb://localhost:2113?tls=false'"],
};

const main = async () => {
  const [fromArg, toArg] = argsOrExit(copyStoreCli, __dirname).positionals;
  const urls = loadConfig({
    EVENT_STORE: fromArg,
    EVENT_STORE_DEADLINE_MS: process.env.EVENT_STORE_DEADLINE_MS,
    DATA_DIR: '.',
  });
  const target = loadConfig({ EVENT_STORE: toArg, DATA_DIR: '.' });
  if (E.isLeft(urls) || E.isLeft(target)) {
    const bad = E.isLeft(urls) ? `<from> ${fromArg}` : `<to> ${toArg}`;
    process.stderr.write(`${bad} is not sqlite:<file> or kurrentdb://…\n(--help for more)\n`);
    process.exit(EXIT.USAGE);
  }
  const from = open(urls.right.EVENT_STORE, urls.right.EVENT_STORE_DEADLINE_MS);
  const to = open(target.right.EVENT_STORE, urls.right.EVENT_STORE_DEADLINE_MS);
  try {
    const done = await copyEvents(from.eventStore, to.eventStore, ({ copied }) =>
      process.stdout.write(`\r${copied} events copied`),
    );
    process.stdout.write(`\r${done.copied} events copied; last source position ${done.position}\n`);
  } finally {
    await from.eventStore.close();
    await to.eventStore.close();
  }
};

main().catch((error: unknown) => {
  process.stderr.write(
    `\ncopy failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
