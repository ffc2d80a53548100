import { DataSource } from 'typeorm';
import {
  ProjectorCheckpointRow,
  openReadDb,
  readDataSourceOptions,
  recreateReadModels,
  READ_MODELS_CHECKPOINT,
} from '@lic/read-models';
import { describeOnReadDbs, scratchReadDb, type ScratchDb } from './support/read-dbs';

describeOnReadDbs('read-model schema', (kind) => {
  let scratch: ScratchDb;
  let db: DataSource;
  beforeAll(async () => {
    scratch = await scratchReadDb(kind);
    db = await openReadDb(scratch.url);
  });
  afterAll(async () => {
    await db.destroy();
    await scratch.drop();
  });

  it('A2: the migrations create exactly what the entities declare (no synchronize needed)', async () => {
    expect(db.options.synchronize).toBe(false);
    const pending = await db.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('A3: the read models can be dropped and recreated empty, with a fresh checkpoint', async () => {
    await db
      .getRepository(ProjectorCheckpointRow)
      .update({ name: READ_MODELS_CHECKPOINT }, { position: 42n, eventsProjected: 7n });
    await recreateReadModels(db);
    expect(await db.getRepository(ProjectorCheckpointRow).find()).toEqual([
      { name: READ_MODELS_CHECKPOINT, position: null, eventsProjected: 0n, updatedAt: null },
    ]);
    const again = await new DataSource(readDataSourceOptions(scratch.url)).initialize();
    try {
      expect(await again.showMigrations()).toBe(false);
    } finally {
      await again.destroy();
    }
  });
});
