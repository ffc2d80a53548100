import { argsOrExit, type CliSpec } from '@lic/cli';
import { SystemClock } from '@lic/clock';
import { loadConfig, loadConfigOrExit } from '@lic/config';
import * as E from 'fp-ts/Either';
import type { ReadModelComparison } from '@lic/read-models';
import { verifyStore } from '@lic/command-pipeline';
import { chainSection } from '../audit/chain-section';
import { verifyReadModels } from '../audit/verify-read-models';
import { openStores } from '@lic/app';
import { countProjectedEvents } from './count-events';
import { eventProgress } from './progress';

const report = (c: ReadModelComparison): string => {
  const rows = c.tables.map(
    (t) =>
      `${t.table.padEnd(22)} ${String(t.expectedRows).padStart(10)} ${String(t.actualRows).padStart(10)} ${String(t.differences).padStart(12)}`,
  );
  const samples = c.samples.map(
    (d) => `  ${d.table} ${JSON.stringify(d.key)}: ${d.kind} ${JSON.stringify(d.columns)}`,
  );
  return [
    `${'table'.padEnd(22)} ${'replayed'.padStart(10)} ${'live'.padStart(10)} ${'differences'.padStart(12)}`,
    ...rows,
    ...(samples.length > 0
      ? ['', 'first differences (column: [replayed, live]):', ...samples]
      : []),
  ].join('\n');
};

/**
 * `npm run audit:verify`: replays the event store (EVENT_STORE) into a temporary database of
 * the same kind as READ_DB, up to the live checkpoint, and compares every read-model table row
 * for row. Prints "identical" and exits 0, or the differences and exits 1 (2 on error).
 * `--into <sqlite:file|postgres://…>` replays into the given (empty) database instead.
 */
const auditVerifyCli: CliSpec = {
  name: 'audit:verify',
  command: 'npm run audit:verify --',
  summary:
    'Replays EVENT_STORE into a temporary database of the same kind as READ_DB, up to the live\n' +
    'checkpoint, and compares every read-model table row for row (A3); then checks every\n' +
    'hash-chain link of every stream (an altered, deleted or reordered event is named).',
  options: {
    into: {
      type: 'string',
      value: 'sqlite:file|postgres://…',
      description: 'replay into this (empty) database instead of a temporary one',
    },
  },
  environment: ['EVENT_STORE', 'READ_DB', 'PROJECTION_BATCH_SIZE'],
  exitCodes: {
    0: 'identical: the read models are what the history says, and every chain link verifies',
    1: 'DIFFERENT or ALTERED: the differences or the first broken link of each stream are printed',
    2: 'the check could not run (store or database unreachable, …)',
  },
};

const main = async (): Promise<number> => {
  const { values } = argsOrExit(auditVerifyCli, __dirname);
  const config = loadConfigOrExit();
  const into =
    typeof values.into !== 'string'
      ? undefined
      : E.getOrElseW((message: string) => {
          throw new Error(`--into: ${message}`);
        })(loadConfig({ READ_DB: values.into })).READ_DB;
  const clock = new SystemClock();
  const eventStore = openStores(config, clock).eventStore;
  try {
    const total = await countProjectedEvents(eventStore);
    const progress = eventProgress('replay', total);
    const result = await verifyReadModels({
      eventStore,
      live: config.READ_DB,
      ...(into === undefined ? {} : { into }),
      clock,
      batchSize: config.PROJECTION_BATCH_SIZE,
      onProgress: (events) => progress.update(events),
    });
    const { seconds, rate } = progress.stop(result.events);
    process.stdout.write(
      `replayed ${result.events} events up to position ${String(result.checkpoint.position)} ` +
        `in ${seconds.toFixed(1)} s (${rate} events/s)\n\n${report(result.comparison)}\n\n`,
    );
    for (const u of result.undecodable) {
      process.stdout.write(`event at ${u.position} does not decode (audit log only): ${u.why}\n`);
    }
    const chain = await verifyStore(eventStore);
    process.stdout.write(`\n${chainSection(chain)}\n\n`);
    const identical = result.comparison.identical && result.undecodable.length === 0;
    process.stdout.write(
      identical ? 'identical\n' : result.comparison.identical ? 'INCOMPLETE\n' : 'DIFFERENT\n',
    );
    if (chain.breaks.length > 0) process.stdout.write('ALTERED: the history does not verify\n');
    return identical && chain.breaks.length === 0 ? 0 : 1;
  } finally {
    await eventStore.close();
  }
};

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `audit:verify failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(2);
  },
);
