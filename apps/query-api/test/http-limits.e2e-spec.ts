import { rmSync } from 'node:fs';
import { hold, idleKeepAlive, silent, slowHeaders } from '../../../test/support/slow-sockets';
import { KeyRingAccessTokenVerifier } from '../src/auth/access-token-verifier';
import { createQueryApi, type QueryApi } from '../src/bootstrap';
import { configFor } from '../../../test/read-side/support/config';
import { openReadSide, type ReadSide } from '../../../test/read-side/support/harness';
import { issueTokens, type Tokens } from '../../../test/read-side/support/tokens';

describe('query API: bounded connections and a protected /metrics (issue 11)', () => {
  let rs: ReadSide;
  let api: QueryApi;
  let tokens: Tokens;
  let url: string;

  beforeAll(async () => {
    rs = await openReadSide('sqlite');
    tokens = await issueTokens(rs.clock);
    api = await createQueryApi(
      configFor({
        HTTP_HEADERS_TIMEOUT_MS: '600',
        HTTP_REQUEST_TIMEOUT_MS: '1200',
        HTTP_KEEP_ALIVE_TIMEOUT_MS: '400',
        METRICS_TOKEN: 'scrape-secret',
      }),
      {
        clock: rs.clock,
        eventStore: rs.eventStore,
        db: rs.db,
        verifier: new KeyRingAccessTokenVerifier(tokens.ring, rs.clock),
        logger: false,
      },
    );
    await api.app.listen(0, '127.0.0.1');
    const address = api.app.getHttpServer().address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    await api.close();
    await rs.close();
    rmSync(tokens.dir, { recursive: true, force: true });
  });

  it('A1: slow headers are cut off with a 408 after HTTP_HEADERS_TIMEOUT_MS', async () => {
    const held = await hold(url, slowHeaders('/query/v1/licenses'), 15_000);
    expect(held.closedAfterMs).toBeGreaterThanOrEqual(500);
    expect(held.received).toMatch(/^HTTP\/1\.1 408/);
  });

  it('A1: a silent connection and an idle keep-alive connection are closed', async () => {
    const [quiet, idle] = await Promise.all([
      hold(url, silent(), 15_000),
      hold(url, idleKeepAlive('/health/live'), 15_000),
    ]);
    expect(quiet.closedAfterMs).toBeGreaterThanOrEqual(500);
    expect(idle.received).toMatch(/^HTTP\/1\.1 200/);
    expect(idle.closedAfterMs).toBeGreaterThanOrEqual(300);
  });

  it('A2: /metrics answers only with the METRICS_TOKEN bearer', async () => {
    expect((await fetch(`${url}/metrics`)).status).toBe(401);
    const scrape = await fetch(`${url}/metrics`, {
      headers: { authorization: 'Bearer scrape-secret' },
    });
    expect(scrape.status).toBe(200);
    expect(await scrape.text()).toContain('http_request_duration_seconds');
  });
});
