import { argsOrExit, type CliSpec } from '@lic/cli';
import { SystemClock } from '@lic/clock';
import { loadConfigOrExit } from '@lic/config';
import { openReadDb, rebuildReadModels } from '@lic/read-models';
import { openStores } from '@lic/app';
import { countProjectedEvents } from './count-events';
import { eventProgress } from './progress';

/**
 * `npm run projector:rebuild`: drops every read model, recreates the schema and projects the
 * whole history from position zero (A3). Stop the live projector first: while both run, the
 * checkpoint compare-and-set makes one of them fail rather than write anything twice.
 */
const rebuildCli: CliSpec = {
  name: 'projector:rebuild',
  command: 'npm run projector:rebuild --',
  summary:
    'Drops every read model in READ_DB, recreates the schema and projects the whole history of\n' +
    'EVENT_STORE from position zero (A3). Stop the live projector first.',
  environment: ['EVENT_STORE', 'READ_DB', 'PROJECTION_BATCH_SIZE'],
  exitCodes: { 0: 'rebuilt (events, rate and checkpoint are printed)', 1: 'the rebuild failed' },
};

const main = async (): Promise<void> => {
  argsOrExit(rebuildCli, __dirname);
  const config = loadConfigOrExit();
  const clock = new SystemClock();
  const eventStore = openStores(config, clock).eventStore;
  const db = await openReadDb(config.READ_DB);
  try {
    process.stdout.write('counting events… ');
    const total = await countProjectedEvents(eventStore);
    process.stdout.write(`${total}\n`);
    const progress = eventProgress('rebuild', total);
    const result = await rebuildReadModels(eventStore, db, {
      batchSize: config.PROJECTION_BATCH_SIZE,
      clock,
      onBatch: ({ events }) => progress.update(events),
    });
    const { seconds, rate } = progress.stop(result.events);
    process.stdout.write(
      `rebuilt ${result.events} events in ${seconds.toFixed(1)} s: ${rate} events/s ` +
        `(batch ${config.PROJECTION_BATCH_SIZE}); checkpoint ${String(result.checkpoint.position)}\n`,
    );
  } finally {
    await db.destroy();
    await eventStore.close();
  }
};

main().catch((error: unknown) => {
  process.stderr.write(
    `rebuild failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
