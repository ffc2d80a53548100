/**
 * Opens the SQLite event store at argv[2] (a file: its appends go through the writer thread),
 * appends one event, closes it and prints where the event went. Run by a test with Node
 * options of its choosing (through register-swc.js).
 */
import { SystemClock } from '@lic/clock';
import { openSqliteEventStore } from '@lic/event-store';
import { randomUUID } from 'node:crypto';

async function main(): Promise<void> {
  const { eventStore } = openSqliteEventStore({
    file: String(process.argv[2]),
    clock: new SystemClock(),
  });
  const result = await eventStore.appendToStream(
    'once',
    [
      {
        id: randomUUID(),
        type: 'Appended.v1',
        data: { once: true },
        metadata: { correlationId: randomUUID(), causationId: null, actor: 'system:test' },
      },
    ],
    'no_stream',
  );
  await eventStore.close();
  console.log(`appended at ${result.position}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
