import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { KeyRingAccessTokenVerifier } from '../src/auth/access-token-verifier';
import { createQueryApi, type QueryApi } from '../src/bootstrap';
import { configFor } from '../../../test/read-side/support/config';
import { openReadSide, type ReadSide } from '../../../test/read-side/support/harness';
import { commands, policies } from '../../../test/read-side/support/license-world';
import { issueTokens, type Tokens } from '../../../test/read-side/support/tokens';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('query API graceful shutdown', () => {
  let rs: ReadSide;
  let tokens: Tokens;
  let api: QueryApi;
  let url: string;

  beforeAll(async () => {
    rs = await openReadSide('sqlite');
    await rs.world.product('prod-1');
    await rs.world.issue('lic-f', policies.floating(3));
    await rs.project();
    tokens = await issueTokens(rs.clock);
    api = await createQueryApi(configFor({ READ_YOUR_WRITES_TIMEOUT_MS: '5000' }), {
      clock: rs.clock,
      eventStore: rs.eventStore,
      db: rs.db,
      verifier: new KeyRingAccessTokenVerifier(tokens.ring, rs.clock),
      logger: false,
      dashboardRefreshMs: 200,
    });
    await api.app.listen(0, '127.0.0.1');
    url = (await api.app.getUrl()).replace('[::1]', '127.0.0.1');
  });
  afterAll(async () => {
    await rs.close();
    rmSync(tokens.dir, { recursive: true, force: true });
  });

  it('A2: on close the in-flight request (a read-your-writes wait) finishes and is answered with Connection: close; open dashboards are ended; new connections are refused', async () => {
    const auth = { authorization: `Bearer ${tokens.admin}` };
    const stream = await fetch(`${url}/query/v1/dashboard/stream?access_token=${tokens.admin}`);
    expect(stream.status).toBe(200);
    const reader = stream.body!.getReader();
    await reader.read(); // the stream is open

    await rs.world.run('lic-f', commands.checkout('L1'));
    const written = String(rs.world.lastPosition);
    const waiting = fetch(`${url}/query/v1/licenses/lic-f/seats?after=${written}`, {
      headers: auth,
    });
    await sleep(150); // the request waits for the projector
    const started = performance.now();
    const closing = api.close();
    await sleep(150);
    await expect(fetch(`${url}/health/live`)).rejects.toThrow();

    await rs.project(); // the projector passes the position: the waiting request completes
    const answered = await waiting;
    expect(answered.status).toBe(200);
    expect(answered.headers.get('connection')).toBe('close');
    expect(answered.headers.get('x-read-model-position')).toBe(written);
    const body = (await answered.json()) as { holders: { leases: { lease_id: string }[] } };
    expect(body.holders.leases.map((l) => l.lease_id)).toEqual(['L1']);

    for (let r = await reader.read(); !r.done; r = await reader.read()); // ended by the server
    await closing;
    expect(performance.now() - started).toBeLessThan(5000); // no wait for the 10 s cut-off
  });
});
