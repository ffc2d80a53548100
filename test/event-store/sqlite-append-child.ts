/**
 * A second OS process appending to the same SQLite file as the test that forks it (run through
 * register-swc.js). Waits for "go", then appends `count` events to a shared stream with
 * optimistic concurrency (read the last revision, append expecting it, retry on conflict), and
 * as many to a stream of its own with 'any'. Reports what happened to the parent and exits.
 */
import { SystemClock } from '@lic/clock';
import { WrongExpectedRevisionError, openSqliteEventStore } from '@lic/event-store';
import { randomUUID } from 'node:crypto';

export interface ChildReport {
  readonly writer: string;
  readonly appended: number;
  readonly conflicts: number;
  readonly errors: string[];
}

async function main(): Promise<void> {
  const [file, sharedStream, writer, countArg] = process.argv.slice(2);
  const count = Number(countArg);
  const { eventStore } = openSqliteEventStore({ file, clock: new SystemClock() });
  const event = (i: number) => ({
    id: randomUUID(),
    type: 'ChildAppended.v1',
    data: { writer, i },
    metadata: { correlationId: randomUUID(), causationId: null, actor: `system:${writer}` },
  });
  await new Promise<void>((resolve) => {
    process.once('message', () => resolve());
    process.send?.('ready');
  });

  let appended = 0;
  let conflicts = 0;
  const errors: string[] = [];
  while (appended < count && errors.length === 0) {
    try {
      let last: bigint | undefined;
      for await (const e of eventStore.readStream(sharedStream, {
        direction: 'backwards',
        maxCount: 1,
      })) {
        last = e.revision;
      }
      await eventStore.appendToStream(sharedStream, [event(appended)], last ?? 'no_stream');
      await eventStore.appendToStream(`${sharedStream}-${writer}`, [event(appended)], 'any');
      appended++;
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) conflicts++;
      else errors.push(String(error));
    }
  }
  await eventStore.close();
  const report: ChildReport = { writer, appended, conflicts, errors };
  process.send?.(report, () => process.exit(0));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
