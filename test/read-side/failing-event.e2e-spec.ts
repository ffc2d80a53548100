import pino from 'pino';
import type { DataSource } from 'typeorm';
import { fixedClock } from '@lic/clock';
import { openSqliteEventStore, type EventStore } from '@lic/event-store';
import { LicenseRow, openReadDb, readCheckpoint } from '@lic/read-models';
import { createProjectorApp, type ProjectorApp } from '../../apps/projector/src/bootstrap';
import { sample } from '../../libs/observability/src/testing';
import { configFor, readDbEnv } from './support/config';
import { T0 } from './support/harness';
import { LicenseWorld, commands, policies } from './support/license-world';
import {
  describeOnReadDbs,
  scratchReadDb,
  type ReadDbKind,
  type ScratchDb,
} from './support/read-dbs';
import { caughtUp, eventually } from './support/wait';

/** A real failure of the read database: a trigger that refuses one license's row. */
const poison = async (db: DataSource, kind: ReadDbKind): Promise<void> => {
  if (kind === 'sqlite') {
    await db.query(`CREATE TRIGGER poison BEFORE INSERT ON licenses
      WHEN NEW.license_id = 'lic-poison' BEGIN SELECT RAISE(ABORT, 'poisoned row'); END`);
    return;
  }
  await db.query(`CREATE FUNCTION poison() RETURNS trigger AS $$
    BEGIN IF NEW.license_id = 'lic-poison' THEN RAISE EXCEPTION 'poisoned row'; END IF;
    RETURN NEW; END $$ LANGUAGE plpgsql`);
  await db.query(
    'CREATE TRIGGER poison BEFORE INSERT ON licenses FOR EACH ROW EXECUTE FUNCTION poison()',
  );
};
const cure = (db: DataSource) =>
  db.query('DROP TRIGGER poison' + (db.options.type === 'postgres' ? ' ON licenses' : ''));

describeOnReadDbs('a failing event never stalls the projector silently', (kind) => {
  let eventStore: EventStore;
  let scratch: ScratchDb;
  let projector: ProjectorApp | undefined;
  beforeEach(async () => {
    ({ eventStore } = openSqliteEventStore({ file: ':memory:', clock: fixedClock(T0) }));
    scratch = await scratchReadDb(kind);
  });
  afterEach(async () => {
    await projector?.close();
    await eventStore.close();
    await scratch.drop();
  });

  it('A2: the failing event is isolated from its batch, named by /health/ready at once, counted, and retried with back-off until it goes in', async () => {
    const clock = fixedClock(T0);
    const world = new LicenseWorld(eventStore, clock);
    await world.product('prod-1');
    await world.issue('lic-a', policies.floating(3));
    await world.run('lic-a', commands.checkout('L1'));
    const beforePoison = world.lastPosition;
    await world.issue('lic-poison', policies.floating(3));
    const poisonAt = world.lastPosition;
    await world.run('lic-a', commands.checkout('L2'));
    await world.issue('lic-b', policies.machines(2));

    const config = configFor({ READ_DB: readDbEnv(scratch.url), PROJECTION_BATCH_SIZE: '500' });
    // Migrate first, then poison the table: the projector starts on a database that refuses one row.
    const db = await openReadDb(scratch.url);
    await poison(db, kind);
    projector = await createProjectorApp(config, {
      clock,
      eventStore,
      dataSource: db,
      logger: pino({ level: 'silent' }),
    });
    await projector.app.init();
    const get = async (url: string) => {
      const r = await (projector as ProjectorApp).app.inject({ method: 'GET', url });
      return {
        status: r.statusCode,
        text: r.body,
        json: () => r.json() as Record<string, unknown>,
      };
    };

    // Everything before the poisoned event is committed, though it came in one batch with it.
    await caughtUp(db, beforePoison);
    const ready = await eventually(
      () => get('/health/ready'),
      (r) => r.status === 503,
      10_000,
      'not ready',
    );
    expect(ready.json()).toMatchObject({
      error: {
        projection: {
          failing: {
            position: String(poisonAt),
            stream: 'license-lic-poison',
            type: 'LicenseIssued.v1',
            error: expect.stringContaining('poisoned row'),
          },
        },
      },
    });
    expect((await readCheckpoint(db)).position).toBe(beforePoison);
    const health = await get('/health');
    expect(health.status).toBe(503);
    expect(health.json()).toMatchObject({ projector: { failing: { position: String(poisonAt) } } });
    const attempts = await eventually(
      async () => sample((await get('/metrics')).text, 'license_projection_failures_total') ?? 0,
      (n) => n >= 2,
      10_000,
      'a retry',
    );
    expect(attempts).toBeGreaterThanOrEqual(2);

    // The operator fixes the read database; the projector goes on by itself.
    await cure(db);
    await caughtUp(db, world.lastPosition, 40_000);
    await eventually(
      () => get('/health/ready'),
      (r) => r.status === 200,
      10_000,
      'ready again',
    );
    const licenses = await db.getRepository(LicenseRow).find({ order: { licenseId: 'ASC' } });
    expect(licenses.map((l) => l.licenseId)).toEqual(['lic-a', 'lic-b', 'lic-poison']);
    expect(sample((await get('/metrics')).text, 'license_projection_stalled')).toBe(0);
    await projector.close();
    projector = undefined;
    await db.destroy();
  });
});
