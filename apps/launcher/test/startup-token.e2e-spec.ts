import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { SystemClock, TestClock } from '@lic/clock';
import { loadConfig, type Config } from '@lic/config';
import { openSqliteEventStore, type RecordedEvent } from '@lic/event-store';
import { verifyAccessToken, openKeyRing } from '@lic/signing';
import { AccessTokenRegistry } from '../../command-api/src/auth/access-token-registry';
import { startupToken } from '../src/startup-token';

const HOUR = 3_600_000;

/** The token `npm start` prints: the last one again while it is good, else a new recorded one. */
describe('npm start: one ready-to-use admin token', () => {
  let dir: string;
  let config: Config;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'startup-token-'));
    const loaded = loadConfig({
      DATA_DIR: dir,
      EVENT_STORE: `sqlite:${join(dir, 'events.db')}`,
      SIGNING_KEYS_DIR: join(dir, 'keys'),
    });
    if (E.isLeft(loaded)) throw new Error(loaded.left);
    config = loaded.right;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const store = () =>
    openSqliteEventStore({ file: join(dir, 'events.db'), clock: new SystemClock() });
  const events = async (): Promise<RecordedEvent[]> => {
    const { eventStore } = store();
    const out: RecordedEvent[] = [];
    for await (const e of eventStore.readAll()) out.push(e);
    await eventStore.close();
    return out;
  };
  const tokenIdOf = async (token: string) => {
    const ring = await openKeyRing({ dir: join(dir, 'keys'), now: 0 });
    const verified = await verifyAccessToken(ring, token, Date.now());
    return verified.kind === 'valid' ? verified.tokenId : null;
  };

  it('A1: the first start mints and records one; a restart prints the same token and records nothing', async () => {
    const clock = new TestClock(new SystemClock());
    const first = await startupToken(config, clock);
    expect(first.reused).toBe(false);
    expect(statSync(first.file).mode & 0o777).toBe(0o600);
    expect((await events()).map((e) => e.type)).toEqual(['AdminTokenIssued.v1']);
    expect((await events())[0]?.data).toMatchObject({
      tokenId: await tokenIdOf(first.token),
      subject: 'bootstrap-admin',
      roles: ['admin'],
      actor: { kind: 'system', id: 'launcher' },
    });
    const again = await startupToken(config, clock);
    expect(again).toEqual({ ...first, reused: true });
    expect(await events()).toHaveLength(1);
  });

  it('A1: after the printed token is revoked, or within a day of its expiry, the next start mints a new one', async () => {
    const clock = new TestClock(new SystemClock());
    const first = await startupToken(config, clock);
    const { eventStore, snapshotStore } = store();
    const registry = new AccessTokenRegistry(eventStore, snapshotStore, clock);
    const id = (await tokenIdOf(first.token)) ?? '';
    await registry.revoke(
      id,
      { kind: 'admin', id: 'ops' },
      { correlationId: 'c', causationId: null, actor: 'admin:ops' },
    );
    await eventStore.close();
    const second = await startupToken(config, clock);
    expect(second.reused).toBe(false);
    expect(second.token).not.toBe(first.token);

    clock.advance((config.ADMIN_TOKEN_TTL_HOURS - 23) * HOUR);
    const third = await startupToken(config, clock);
    expect(third.reused).toBe(false);
    expect(third.token).not.toBe(second.token);
    expect((await events()).map((e) => e.type)).toEqual([
      'AdminTokenIssued.v1',
      'AdminTokenRevoked.v1',
      'AdminTokenIssued.v1',
      'AdminTokenIssued.v1',
    ]);
  });
});
