import { DataSource } from 'typeorm';
import {
  AuditEntryRow,
  READ_MODELS_CHECKPOINT,
  RefusalRow,
  projectFromStore,
  readCheckpoint,
  readDataSourceOptions,
} from '@lic/read-models';
import { CreateReadModels1763880000000 } from '../../libs/read-models/src/schema/migrations/1763880000000-create-read-models';
import { commands, policies } from './support/license-world';
import { openReadSide, type ReadSide } from './support/harness';
import { describeOnReadDbs, scratchReadDb, type ScratchDb } from './support/read-dbs';

describeOnReadDbs('read-model migrations', (kind) => {
  let rs: ReadSide;
  let scratch: ScratchDb;
  beforeAll(async () => {
    rs = await openReadSide(kind);
    scratch = await scratchReadDb(kind);
  });
  afterAll(async () => {
    await rs.close();
    await scratch.drop();
  });

  it('A3: a migration that adds what only history can fill empties the read models; the projector replays and fills it', async () => {
    // An installation built before the refusals read model: the first migration only, and a
    // checkpoint that says it has projected history.
    const options = readDataSourceOptions(scratch.url);
    const old = await new DataSource({
      ...options,
      migrations: [CreateReadModels1763880000000],
    }).initialize();
    await old.runMigrations();
    await old.query(
      `UPDATE projector_checkpoint SET position = 99, events_projected = 99 WHERE name = '${READ_MODELS_CHECKPOINT}'`,
    );
    await old.destroy();

    const db = await new DataSource(options).initialize();
    try {
      await db.runMigrations();
      expect(await readCheckpoint(db)).toMatchObject({ position: null, eventsProjected: 0n });
      await rs.world.product('prod-1');
      await rs.world.issue('lic-f', policies.floating(1, 15));
      await rs.world.run('lic-f', commands.checkout('L1', 'node-1'));
      await rs.world.run('lic-f', commands.checkout('L2', 'node-2')); // refused
      await projectFromStore(rs.eventStore, db, { batchSize: 2, clock: rs.clock });
      const audit = await db.getRepository(AuditEntryRow).find();
      expect(
        audit.filter((a) => a.licenseId === 'lic-f').every((a) => a.productId === 'prod-1'),
      ).toBe(true);
      expect(await db.getRepository(RefusalRow).find()).toMatchObject([
        {
          licenseId: 'lic-f',
          productId: 'prod-1',
          kind: 'checkout',
          fingerprint: 'node-2',
          count: 1,
        },
      ]);
    } finally {
      await db.destroy();
    }
  });
});
