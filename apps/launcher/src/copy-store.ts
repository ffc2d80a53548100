import * as E from 'fp-ts/Either';
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
const main = async () => {
  const [fromArg, toArg] = process.argv.slice(2);
  const deadline = process.env.EVENT_STORE_DEADLINE_MS;
  const urls = loadConfig({
    EVENT_STORE: fromArg,
    EVENT_STORE_DEADLINE_MS: deadline,
    DATA_DIR: '.',
  });
  const target = loadConfig({ EVENT_STORE: toArg, DATA_DIR: '.' });
  if (!fromArg || !toArg || E.isLeft(urls) || E.isLeft(target)) {
    process.stderr.write(
      'usage: store:copy <sqlite:file|kurrentdb://…> <sqlite:file|kurrentdb://…>\n',
    );
    process.exit(64);
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
