import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { loadConfig, type Config } from '@lic/config';
import type { EventStore } from '@lic/event-store';
import { signAccessToken } from '@lic/signing';
import { createCommandApi, type CommandApi } from '../../apps/command-api/src/bootstrap';
import { EVENT_STORE } from '../../apps/command-api/src/infrastructure/tokens';
import { createProjectorApp, type ProjectorApp } from '../../apps/projector/src/bootstrap';
import { createQueryApi, type QueryApi } from '../../apps/query-api/src/bootstrap';

const HOUR = 3_600_000;

/** What the fuzzer knows of the system: URLs, credentials and ids that exist. */
export interface FuzzWorld {
  readonly commandUrl: string;
  readonly queryUrl: string;
  readonly store: EventStore;
  readonly projector: ProjectorApp;
  readonly tokens: {
    readonly admin: string;
    readonly auditor: string;
    readonly nobody: string;
    readonly expired: string;
  };
  readonly licenseKeys: readonly string[];
  readonly ids: {
    readonly products: readonly string[];
    readonly variants: readonly string[];
    readonly licenses: readonly string[];
    readonly leases: readonly string[];
    readonly sessions: readonly string[];
    readonly activations: readonly string[];
  };
  readonly machineTokens: readonly string[];
  close(): Promise<void>;
}

const listen = async (app: {
  listen(port: number, host: string): Promise<unknown>;
  getHttpServer(): { address(): unknown };
}) => {
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return `http://127.0.0.1:${address.port}`;
};

const post = async (
  url: string,
  authorization: string,
  body: unknown,
  headers: Record<string, string> = {},
) => {
  const r = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization, ...headers },
    body: JSON.stringify(body),
  });
  const json = (await r.json()) as Record<string, unknown>;
  if (r.status >= 300) throw new Error(`seeding ${url}: ${r.status} ${JSON.stringify(json)}`);
  return json;
};

/**
 * The command API, the projector and the query API in this process, on one temporary embedded
 * store (as `npm start` runs them), with a product, licenses of each kind and one holder of
 * each kind, so that valid-ish requests reach the domain.
 */
export const startFuzzWorld = async (): Promise<FuzzWorld> => {
  const dir = mkdtempSync(join(tmpdir(), 'fuzz-'));
  const decoded = loadConfig({
    DATA_DIR: dir,
    EVENT_STORE: `sqlite:${join(dir, 'events.db')}`,
    READ_DB: `sqlite:${join(dir, 'read.db')}`,
    SIGNING_KEYS_DIR: join(dir, 'keys'),
    LOG_LEVEL: 'silent',
    READ_YOUR_WRITES_TIMEOUT_MS: '50',
  });
  if (E.isLeft(decoded)) throw new Error(decoded.left);
  const config: Config = decoded.right;
  const command: CommandApi = await createCommandApi(config);
  const commandUrl = await listen(command.app);
  const projector = await createProjectorApp(config);
  const query: QueryApi = await createQueryApi(config, { logger: false });
  const queryUrl = await listen(query.app);
  const now = command.clock.now();
  const sign = (subject: string, roles: ('admin' | 'auditor')[], expiresAt = now + 24 * HOUR) =>
    signAccessToken(command.ring, {
      issuer: config.PUBLIC_URL,
      subject,
      roles,
      issuedAt: now,
      expiresAt,
    });
  const tokens = {
    admin: await sign('fuzz-admin', ['admin']),
    auditor: await sign('fuzz-auditor', ['auditor']),
    nobody: await sign('fuzz-nobody', []),
    expired: await sign('fuzz-old', ['admin'], now - 1000),
  };
  const bearer = `Bearer ${tokens.admin}`;
  await post(`${commandUrl}/admin/v1/products`, bearer, {
    name: 'Fuzzed plug-in',
    product_id: 'fuzz',
  });
  const issue = (variant_id: string, seats: Record<string, number>) =>
    post(`${commandUrl}/admin/v1/licenses`, bearer, { product_id: 'fuzz', variant_id, seats });
  const farm = await issue('render-farm', { max_floating_users: 3 });
  const studio = await issue('studio', { max_machines: 3, max_sessions: 3, max_floating_users: 2 });
  const site = await issue('site', {});
  const indie = await issue('indie', {});
  const key = (l: Record<string, unknown>) => `License ${l.license_key as string}`;
  const lease = await post(
    `${commandUrl}/api/v1/license/floating/checkout`,
    key(farm),
    { fingerprint: 'seed-node' },
    { 'idempotency-key': 'seed' },
  );
  const session = await post(`${commandUrl}/api/v1/sessions`, key(studio), {
    username: 'ann',
    kind: 'interactive',
  });
  const activation = await post(`${commandUrl}/api/v1/activate`, key(indie), {
    fingerprint: 'seed-ws',
  });
  return {
    commandUrl,
    queryUrl,
    store: command.app.get(EVENT_STORE) as EventStore,
    projector,
    tokens,
    licenseKeys: [farm, studio, site, indie].map((l) => l.license_key as string),
    ids: {
      products: ['fuzz'],
      variants: ['indie', 'studio', 'render-farm', 'site', 'trial'],
      licenses: [farm, studio, site, indie].map((l) => l.license_id as string),
      leases: [(lease.lease_token as string).slice(4)],
      sessions: [session.session_id as string],
      activations: [activation.activation_id as string],
    },
    machineTokens: [activation.token as string],
    close: async () => {
      await query.close();
      await projector.close();
      await command.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};
