import { rmSync } from 'node:fs';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig, type Config } from '@lic/config';
import * as E from 'fp-ts/Either';
import { KeyRingAccessTokenVerifier } from '../../../apps/query-api/src/auth/access-token-verifier';
import { createQueryApi, type QueryApi } from '../../../apps/query-api/src/bootstrap';
import type { ReadSide } from './harness';
import { issueTokens, type Tokens } from './tokens';

export interface QueryApiUnderTest {
  readonly api: QueryApi;
  readonly app: NestFastifyApplication;
  readonly tokens: Tokens;
  readonly config: Config;
  /** Closes the API and removes the test key ring. */
  close(): Promise<void>;
  /** GET with a bearer token; parses JSON bodies. */
  get(
    url: string,
    token?: string | null,
  ): Promise<{ status: number; body: unknown; headers: Record<string, unknown>; text: string }>;
}

export const startQueryApi = async (
  rs: ReadSide,
  env: Record<string, string> = {},
): Promise<QueryApiUnderTest> => {
  const decoded = loadConfig({ READ_YOUR_WRITES_TIMEOUT_MS: '400', ...env });
  if (E.isLeft(decoded)) throw new Error(decoded.left);
  const config = decoded.right;
  const tokens = await issueTokens(rs.clock);
  const api = await createQueryApi(config, {
    clock: rs.clock,
    eventStore: rs.eventStore,
    db: rs.db,
    verifier: new KeyRingAccessTokenVerifier(tokens.ring, rs.clock),
    logger: false,
    dashboardRefreshMs: 500,
  });
  await api.app.init();
  await api.app.getHttpAdapter().getInstance().ready();
  return {
    api,
    app: api.app,
    tokens,
    config,
    close: async () => {
      await api.close();
      rmSync(tokens.dir, { recursive: true, force: true });
    },
    get: async (url, token = tokens.admin) => {
      const res = await api.app.inject({
        method: 'GET',
        url,
        headers: token === null ? {} : { authorization: `Bearer ${token}` },
      });
      const type = String(res.headers['content-type'] ?? '');
      return {
        status: res.statusCode,
        body: type.includes('application/json') ? (res.json() as unknown) : res.body,
        headers: res.headers,
        text: res.body,
      };
    },
  };
};
