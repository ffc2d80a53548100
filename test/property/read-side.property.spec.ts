import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import { fixedClock } from '@lic/clock';
import { openSqliteEventStore, type EventStore, type SnapshotStore } from '@lic/event-store';
import { LicenseRow, openReadDb, projectFromStore } from '@lic/read-models';
import { postgresRuns, scratchReadDb, type ScratchDb } from '../read-side/support/read-dbs';
import { policyArb, textArb } from './support/arbitraries';
import {
  issueGenerated,
  pipelineOn,
  runSteps,
  propertyAdmin,
  propertyMeta,
} from './support/pipeline';
import { stepArb } from './support/steps';

const T0 = Date.parse('2026-03-02T09:00:00.000Z');
const RUNS = Number(process.env['PROPERTY_RUNS'] ?? 100);
const meta = propertyMeta;
const admin = propertyAdmin;

interface ReadDb {
  readonly name: string;
  readonly scratch: ScratchDb;
  readonly db: DataSource;
}

/**
 * Issue 11, item 3: the read side accepts everything the domain accepts. fast-check generates
 * valid histories — a policy with numbers at their bounds, free text and user names of any
 * script at their longest, command sequences with time jumps of up to ten years — decides
 * them with the real deciders through the command pipeline (which checks every event reads
 * back before it appends it), and projects them into SQLite and PostgreSQL read models.
 */
describe('property: every valid history projects into both read databases', () => {
  jest.setTimeout(600_000);
  let store: { eventStore: EventStore; snapshotStore: SnapshotStore };
  const dbs: ReadDb[] = [];

  beforeAll(async () => {
    store = openSqliteEventStore({ file: ':memory:', clock: fixedClock(T0) });
    const kinds = postgresRuns() ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);
    for (const kind of kinds) {
      const scratch = await scratchReadDb(kind);
      dbs.push({ name: kind, scratch, db: await openReadDb(scratch.url) });
    }
  });
  afterAll(async () => {
    for (const { db, scratch } of dbs) {
      await db.destroy();
      await scratch.drop();
    }
    await store.eventStore.close();
  });

  it('A2, A3: valid command sequences at the bounds decide, append and project with no error on SQLite and PostgreSQL', async () => {
    let run = 0;
    let decisions = 0;
    let appended = 0;
    await fc.assert(
      fc.asyncProperty(
        policyArb,
        fc.option(textArb, { nil: null }),
        fc.array(stepArb, { minLength: 10, maxLength: 80 }),
        async (policy, licensee, steps) => {
          run++;
          const clock = fixedClock(T0);
          const { products, licenses } = pipelineOn(store, clock);
          const productId = `prod-${run}`;
          const licenseId = `lic-${run}`;
          const product = await products.handle(
            productId,
            {
              type: 'CreateProduct',
              productId,
              actor: admin,
              name: `Product ${run}`,
              withPresets: true,
            },
            meta,
          );
          const variant = await products.handle(
            productId,
            {
              type: 'DefineVariant',
              productId,
              actor: admin,
              variantId: 'generated',
              policy,
              preset: null,
            },
            meta,
          );
          const decided = await issueGenerated(
            licenses,
            { licenseId, productId },
            policy,
            licensee,
          );
          if (
            decided.outcome._tag === 'Left' ||
            variant.outcome._tag === 'Left' ||
            product.outcome._tag === 'Left'
          ) {
            throw new Error(
              `setup refused: ${JSON.stringify([product.outcome, variant.outcome, decided.outcome])}`,
            );
          }
          await runSteps(licenses, licenseId, decided, steps, clock, () => decisions++);
          // U2: the pipeline appends the refusals it tallied on its own (with the license's
          // next append, or within a second): closing it appends the ones still pending, and
          // the license's events are counted from its stream.
          await licenses.close();
          appended += product.outcome.right.length + variant.outcome.right.length;
          for await (const _ of store.eventStore.readStream(`license-${licenseId}`)) appended++;
          for (const { db } of dbs) {
            await projectFromStore(store.eventStore, db, { batchSize: 7, clock });
            const row = await db.getRepository(LicenseRow).findOneBy({ licenseId });
            if (row === null) throw new Error(`license ${licenseId} was not projected`);
          }
        },
      ),
      {
        numRuns: RUNS,
        seed: Number(process.env['PROPERTY_SEED'] ?? 20_261_130),
        endOnFailure: true,
      },
    );
    for (const { name, db } of dbs) {
      const [row] = (await db.query('SELECT events_projected FROM projector_checkpoint')) as {
        events_projected: string | number;
      }[];
      expect({ db: name, events: Number(row?.events_projected) }).toEqual({
        db: name,
        events: appended,
      });
    }
    process.stdout.write(
      `property: ${run} runs, ${decisions} commands decided, ${appended} events appended and projected into ${dbs.map((d) => d.name).join(' and ')}\n`,
    );
    expect(run).toBeGreaterThanOrEqual(RUNS);
  });
});
