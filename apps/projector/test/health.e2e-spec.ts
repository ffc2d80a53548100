import pino from 'pino';
import { fixedClock } from '@lic/clock';
import { openSqliteEventStore, type EventStore } from '@lic/event-store';
import { readCheckpoint } from '@lic/read-models';
import { createProjectorApp, type ProjectorApp } from '../src/bootstrap';
import { configFor, readDbEnv } from '../../../test/read-side/support/config';
import { T0 } from '../../../test/read-side/support/harness';
import { LicenseWorld, commands, policies } from '../../../test/read-side/support/license-world';
import {
  describeOnReadDbs,
  scratchReadDb,
  type ScratchDb,
} from '../../../test/read-side/support/read-dbs';
import { caughtUp, eventually } from '../../../test/read-side/support/wait';
import { sample } from '../../../libs/observability/src/testing';

describeOnReadDbs('projector health and metrics', (kind) => {
  const clock = fixedClock(T0);
  let eventStore: EventStore;
  let scratch: ScratchDb;
  let world: LicenseWorld;
  let projector: ProjectorApp;
  /** While set, every batch fails after writing its rows (rolled back): the lag grows. */
  let failing = false;
  const get = async (url: string) => {
    const res = await projector.app.inject({ method: 'GET', url });
    return {
      status: res.statusCode,
      text: res.body,
      json: () => res.json() as Record<string, never>,
    };
  };

  beforeAll(async () => {
    ({ eventStore } = openSqliteEventStore({ file: ':memory:', clock }));
    scratch = await scratchReadDb(kind);
    world = new LicenseWorld(eventStore, clock);
    await world.product('prod-1');
    await world.issue('lic-f', policies.floating(5));
    await world.run('lic-f', commands.checkout('L1'));
    projector = await createProjectorApp(
      configFor({
        READ_DB: readDbEnv(scratch.url),
        PROJECTION_BATCH_SIZE: '2',
        READY_MAX_LAG_EVENTS: '4',
      }),
      {
        clock,
        eventStore,
        logger: pino({ level: 'silent' }),
        faults: {
          afterRows: () => {
            if (failing) throw new Error('read database unavailable (simulated)');
          },
        },
      },
    );
    await projector.app.init();
    await caughtUp(projector.dataSource, world.lastPosition);
  });
  afterAll(async () => {
    await projector.close();
    await eventStore.close();
    await scratch.drop();
  });

  it('A2: /health/live answers; /health/ready checks the event store, the read database and the lag', async () => {
    expect((await get('/health/live')).status).toBe(200);
    const ready = await get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.json()).toMatchObject({
      status: 'ok',
      info: {
        event_store: { status: 'up' },
        read_db: { status: 'up' },
        projection: { status: 'up', running: true, lagEvents: 0, lagSeconds: 0, maxLagEvents: 4 },
      },
    });
    // The projector's own summary stays where it was.
    expect((await get('/health')).json()).toMatchObject({ status: 'ok', lag: { events: 0 } });
  });

  it('A2: /metrics counts projected events; the lag is 0 events and 0 s when caught up', async () => {
    const metrics = await get('/metrics');
    expect(metrics.status).toBe(200);
    const { eventsProjected } = await readCheckpoint(projector.dataSource);
    expect(sample(metrics.text, 'license_projected_events_total')).toBe(Number(eventsProjected));
    expect(eventsProjected).toBeGreaterThanOrEqual(3n);
    expect(sample(metrics.text, 'license_projection_lag_events')).toBe(0);
    expect(sample(metrics.text, 'license_projection_lag_seconds')).toBe(0);
    expect(sample(metrics.text, 'license_projection_batch_duration_seconds_count')).toBeGreaterThan(
      0,
    );
  });

  it('A2: an event that fails to project makes it not ready at once, naming the event; the lag shows in events and seconds; once it goes in, ready again', async () => {
    const before = sample((await get('/metrics')).text, 'license_projected_events_total') ?? 0;
    failing = true;
    await world.run('lic-f', commands.checkout('L2'));
    const stalledAt = world.lastPosition;
    await world.run('lic-f', commands.heartbeat('L2'));
    await world.run('lic-f', commands.checkout('L3'));
    clock.advance(90_000); // the oldest unprojected event is now 90 s old
    // 3 events behind is within READY_MAX_LAG_EVENTS, but an event is failing: not ready.
    const stalled = await eventually(
      () => get('/health/ready'),
      (r) => r.status === 503,
      5000,
      'not ready once the event fails',
    );
    const behind = await get('/metrics');
    expect(sample(behind.text, 'license_projection_lag_events')).toBe(3);
    expect(sample(behind.text, 'license_projection_lag_seconds')).toBe(90);
    expect(sample(behind.text, 'license_projection_stalled')).toBe(1);
    expect(sample(behind.text, 'license_projection_failures_total')).toBeGreaterThan(0);
    expect(stalled.json()).toMatchObject({
      error: {
        projection: {
          status: 'down',
          lagEvents: 3,
          failing: {
            position: String(stalledAt),
            type: 'LeaseCheckedOut.v2',
            error: 'read database unavailable (simulated)',
          },
        },
      },
    });

    await world.run('lic-f', commands.checkout('L4'));
    await world.run('lic-f', commands.checkout('L5'));
    const notReady = await get('/health/ready');
    expect(notReady.status).toBe(503);
    expect(notReady.json()).toMatchObject({
      status: 'error',
      error: { projection: { status: 'down', lagEvents: 4, lagCapped: true, maxLagEvents: 4 } },
      info: { event_store: { status: 'up' }, read_db: { status: 'up' } },
    });

    failing = false;
    await caughtUp(projector.dataSource, world.lastPosition, 15_000);
    const ready = await eventually(
      () => get('/health/ready'),
      (r) => r.status === 200,
      5000,
      'ready again',
    );
    expect(ready.json()).toMatchObject({ info: { projection: { lagEvents: 0, lagSeconds: 0 } } });
    const after = await get('/metrics');
    expect(sample(after.text, 'license_projected_events_total')).toBe(before + 5);
    expect(sample(after.text, 'license_projection_lag_seconds')).toBe(0);
    expect(sample(after.text, 'license_projection_stalled')).toBe(0);
  });
});
