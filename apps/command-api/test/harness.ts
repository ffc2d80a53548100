import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import type { TestClock } from '@lic/clock';
import { loadConfig, type Config } from '@lic/config';
import { openSqliteEventStore, type RecordedEvent } from '@lic/event-store';
import { signAccessToken } from '@lic/signing';
import { SystemClock } from '@lic/clock';
import type { Logger } from '@lic/observability';
import { createCommandApi, type CommandApi } from '../src/bootstrap';

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly body: Record<string, unknown>;
}

/** A command API on a fresh embedded store, listening on a random loopback port. */
export interface Running {
  readonly url: string;
  readonly dir: string;
  readonly config: Config;
  readonly api: CommandApi;
  readonly adminToken: string;
  readonly clock: TestClock;
  request(
    method: string,
    path: string,
    options?: { headers?: Record<string, string>; body?: unknown; raw?: string },
  ): Promise<Answer>;
  admin(method: string, path: string, body?: unknown): Promise<Answer>;
  client(
    key: string,
    path: string,
    body: unknown,
    headers?: Record<string, string>,
  ): Promise<Answer>;
  advance(seconds: number): Promise<void>;
  /** Every event in the store, in position order. */
  events(): Promise<RecordedEvent[]>;
  close(): Promise<void>;
}

export const configFor = (dir: string, env: Record<string, string> = {}): Config => {
  const config = loadConfig({
    DATA_DIR: dir,
    EVENT_STORE: `sqlite:${join(dir, 'events.db')}`,
    SIGNING_KEYS_DIR: join(dir, 'keys'),
    COMMAND_API_PORT: '0',
    LICENSE_TEST_CLOCK: '1',
    SWEEP_INTERVAL_MS: '50',
    LOG_LEVEL: 'error',
    ...env,
  });
  if (E.isLeft(config)) throw new Error(config.left);
  return config.right;
};

export const startCommandApi = async (
  env: Record<string, string> = {},
  dir?: string,
  logger?: Logger,
): Promise<Running> => {
  const home = dir ?? mkdtempSync(join(tmpdir(), 'command-api-'));
  const config = configFor(home, env);
  const api = await createCommandApi(config, logger ? { logger } : {});
  await api.app.listen(0, '127.0.0.1');
  const address = api.app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}`;
  const now = api.clock.now();
  const adminToken = await signAccessToken(api.ring, {
    issuer: 'test',
    subject: 'test-admin',
    roles: ['admin'],
    issuedAt: now,
    expiresAt: now + 10 * 365 * 86_400_000,
  });
  const request: Running['request'] = async (method, path, options = {}) => {
    const hasBody = options.body !== undefined || options.raw !== undefined;
    const res = await fetch(url + path, {
      method,
      headers: { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...options.headers },
      body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
    const text = await res.text();
    let body: Record<string, unknown> = {};
    try {
      body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      body = {};
    }
    return { status: res.status, headers: res.headers, text, body };
  };
  const running: Running = {
    url,
    dir: home,
    config,
    api,
    adminToken,
    clock: api.clock as TestClock,
    request,
    admin: (method, path, body) =>
      request(method, path, { headers: { authorization: `Bearer ${adminToken}` }, body }),
    client: (key, path, body, headers = {}) =>
      request('POST', path, { headers: { authorization: `License ${key}`, ...headers }, body }),
    advance: async (seconds) => {
      const r = await request('POST', '/test/v1/clock/advance', { body: { seconds } });
      if (r.status !== 200) throw new Error(`clock advance failed: ${r.text}`);
    },
    events: async () => {
      const { eventStore } = openSqliteEventStore({
        file: join(home, 'events.db'),
        clock: new SystemClock(),
      });
      const out: RecordedEvent[] = [];
      for await (const e of eventStore.readAll()) out.push(e);
      await eventStore.close();
      return out;
    },
    close: async () => {
      await api.close();
      if (!dir) rmSync(home, { recursive: true, force: true });
    },
  };
  return running;
};

/** A product with the five presets, and one license of `variant` with seat overrides. */
export const issueLicense = async (
  api: Running,
  variant: string,
  seats: Record<string, number> = {},
  extra: Record<string, unknown> = {},
): Promise<{ licenseId: string; key: string }> => {
  const product = await api.admin('POST', '/admin/v1/products', {
    name: 'Maya plug-in',
    product_id: 'maya',
  });
  if (product.status !== 201 && product.status !== 409) throw new Error(product.text);
  const issued = await api.admin('POST', '/admin/v1/licenses', {
    product_id: 'maya',
    variant_id: variant,
    seats,
    ...extra,
  });
  if (issued.status !== 201) throw new Error(issued.text);
  return { licenseId: issued.body.license_id as string, key: issued.body.license_key as string };
};

export const eventsOf = (events: RecordedEvent[], licenseId: string) =>
  events.filter((e) => e.streamName === `license-${licenseId}`);
