import { ExitHooks, type Scheduler } from '@lic/sdk';
import { EventEmitter } from 'node:events';
import { runTs } from './support/child';
import { startWorld, type SdkWorld } from './support/sdk-server';

const FIXTURE = 'test/sdk/fixtures/hold-lease.ts';

describe('leases are checked in when the process ends (exit hooks)', () => {
  let world: SdkWorld;
  beforeAll(async () => {
    world = await startWorld();
  });
  afterAll(() => world.close());

  const probe = (key: string, node: string) =>
    world.api.client(
      key,
      '/api/v1/license/floating/checkout',
      { fingerprint: node },
      { 'idempotency-key': `probe-${node}` },
    );

  it('F3: SIGTERM to a program holding a lease checks it in, then ends the program as the signal would', async () => {
    const { key, licenseId } = await world.license('render-farm', { max_floating_users: 1 });
    const program = runTs(FIXTURE, [world.api.url, 'node-a', 'hold'], { LICENSE_KEY: key });
    await program.output(/leased llt_/);
    program.child.kill('SIGTERM');
    const done = await program.finished;
    expect(done).toMatchObject({ signal: 'SIGTERM' });
    expect(done.stdout).toContain('released');
    expect(await world.eventsOf(licenseId, 'LeaseCheckedIn.v1')).toHaveLength(1);
    expect((await probe(key, 'other')).status).toBe(200);
  });

  it('F3: a program whose work is done exits by itself, and beforeExit checks its lease in', async () => {
    const { key, licenseId } = await world.license('render-farm', { max_floating_users: 1 });
    const done = await runTs(FIXTURE, [world.api.url, 'node-b', 'done'], { LICENSE_KEY: key })
      .finished;
    expect(done).toMatchObject({ code: 0, signal: null });
    expect(done.stdout).toMatch(/leased llt_.*\nreleased/s);
    expect(await world.eventsOf(licenseId, 'LeaseCheckedIn.v1')).toHaveLength(1);
    expect((await probe(key, 'other')).status).toBe(200);
  });

  it('the hooks are installed once, on the first lease held, and can be removed', () => {
    const proc = new EventEmitter() as unknown as NodeJS.Process;
    const never: Scheduler = { after: () => () => undefined };
    const hooks = new ExitHooks(proc, never);
    expect(hooks.isInstalled).toBe(false);
    const release = async () => undefined;
    const forgetA = hooks.add({ release });
    hooks.add({ release });
    expect(hooks.isInstalled).toBe(true);
    for (const event of ['SIGINT', 'SIGTERM', 'beforeExit']) {
      expect((proc as unknown as EventEmitter).listenerCount(event)).toBe(1);
    }
    forgetA();
    hooks.uninstall();
    for (const event of ['SIGINT', 'SIGTERM', 'beforeExit']) {
      expect((proc as unknown as EventEmitter).listenerCount(event)).toBe(0);
    }
  });
});
