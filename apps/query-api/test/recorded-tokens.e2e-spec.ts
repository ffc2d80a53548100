import { SystemClock, TestClock } from '@lic/clock';
import { EventStoreUnavailableError, openEventStore, type EventStore } from '@lic/event-store';
import { startEsdbTestServer, type EsdbTestServer } from '../../../libs/event-store/src/testing';
import { AccessTokenRegistry } from '../../command-api/src/auth/access-token-registry';
import { STALE_TOKENS_MAX_MS, StreamRecordedTokens } from '../src/auth/recorded-tokens';

const admin = { kind: 'admin' as const, id: 'ops' };
const metadata = { correlationId: 'c', causationId: null, actor: 'admin:ops' };
/** Long enough for a loaded CI machine to answer a healthy read; the paused reads wait it out. */
const STORE_DEADLINE_MS = 2_500;

/**
 * The query API's token check reads the admin-tokens stream at every request; when KurrentDB
 * stops answering it keeps using the state it read for at most STALE_TOKENS_MAX_MS, then 503s.
 */
describe('the query API checks tokens against the admin-tokens stream', () => {
  jest.setTimeout(60_000);
  let server: EsdbTestServer;
  let store: EventStore;
  const clock = new TestClock(new SystemClock());

  beforeAll(async () => {
    server = await startEsdbTestServer();
    store = openEventStore(
      { kind: 'esdb', connectionString: server.connectionString },
      { clock, deadlineMs: STORE_DEADLINE_MS },
    ).eventStore;
  });
  afterAll(async () => {
    server.resume();
    await store.close();
    await server.stop();
  });

  it('A1: sees a revocation at the next check; while the store is down, uses what it read for at most a minute, then refuses to guess', async () => {
    const { eventStore, snapshotStore } = openEventStore(
      { kind: 'esdb', connectionString: server.connectionString },
      { clock },
    );
    const registry = new AccessTokenRegistry(eventStore, snapshotStore, clock);
    const expiresAt = clock.now() + 24 * 3_600_000;
    for (const tokenId of ['tok-a', 'tok-b']) {
      await registry.issue(
        { tokenId, roles: ['auditor'], subject: 's', label: null, expiresAt, actor: admin },
        metadata,
      );
    }
    const tokens = new StreamRecordedTokens(store, clock);
    expect(await tokens.refusal('tok-a')).toBeNull();
    await registry.revoke('tok-a', admin, metadata);
    await eventStore.close();
    expect(await tokens.refusal('tok-a')).toMatchObject({ code: 'TOKEN_REVOKED' });

    server.pause();
    expect(await tokens.refusal('tok-b')).toBeNull();
    expect(await tokens.refusal('tok-a')).toMatchObject({ code: 'TOKEN_REVOKED' });
    clock.advance(STALE_TOKENS_MAX_MS + 1);
    await expect(tokens.refusal('tok-b')).rejects.toBeInstanceOf(EventStoreUnavailableError);
    server.resume();
    expect(await tokens.refusal('tok-b')).toBeNull();
  });
});
