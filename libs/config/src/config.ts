import { readFileSync } from 'node:fs';
import * as t from 'io-ts';
import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { isIP } from 'node:net';
import { loadEnvFile } from './env-file';

/**
 * One configuration for every app, read from environment variables and decoded with io-ts.
 * Each entry: the variable, its codec (from the raw string) and its default. `.env.example`
 * lists them all; `docker/docker-compose.yml` may set only these names.
 */
const nonEmpty = (name: string) =>
  new t.Type<string, string, unknown>(
    name,
    (u): u is string => typeof u === 'string' && u.length > 0,
    (u, c) =>
      typeof u === 'string' && u.trim().length > 0 ? t.success(u.trim()) : t.failure(u, c),
    t.identity,
  );

/** A host name or an IP address to listen on: no scheme, no port, no path. */
const host = new t.Type<string, string, unknown>(
  'a host name or IP address without scheme or port (e.g. 127.0.0.1, 0.0.0.0, ::, localhost)',
  (u): u is string => typeof u === 'string',
  (u, c) =>
    typeof u === 'string' && (isHostName(u) || isIP(u) !== 0) ? t.success(u) : t.failure(u, c),
  t.identity,
);
const isHostName = (s: string): boolean =>
  s.length <= 253 &&
  s.split('.').every((label) => /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(label));

/** An absolute http(s) URL with a host, e.g. https://licenses.example.com; no trailing slash. */
const httpUrl = new t.Type<string, string, unknown>(
  'an http:// or https:// URL with a host (e.g. http://127.0.0.1:3000)',
  (u): u is string => typeof u === 'string',
  (u, c) => {
    if (typeof u !== 'string' || !/^https?:\/\/[^/\s]/i.test(u)) return t.failure(u, c);
    try {
      const url = new URL(u);
      return url.hostname === '' || url.search !== '' || url.hash !== ''
        ? t.failure(u, c)
        : t.success(u.replace(/\/+$/, ''));
    } catch {
      return t.failure(u, c);
    }
  },
  t.identity,
);

const port = new t.Type<number, string, unknown>(
  'port (0-65535)',
  (u): u is number => typeof u === 'number',
  (u, c) => {
    const n = typeof u === 'string' && /^\d{1,5}$/.test(u) ? Number(u) : NaN;
    return n >= 0 && n <= 65535 ? t.success(n) : t.failure(u, c);
  },
  String,
);

const positiveInt = (name: string) =>
  new t.Type<number, string, unknown>(
    name,
    (u): u is number => typeof u === 'number',
    (u, c) => {
      const n = typeof u === 'string' && /^\d+$/.test(u) ? Number(u) : NaN;
      return Number.isSafeInteger(n) && n > 0 ? t.success(n) : t.failure(u, c);
    },
    String,
  );

const flag = new t.Type<boolean, string, unknown>(
  '0 or 1',
  (u): u is boolean => typeof u === 'boolean',
  (u, c) =>
    u === '1' || u === 'true'
      ? t.success(true)
      : u === '0' || u === 'false' || u === ''
        ? t.success(false)
        : t.failure(u, c),
  (b) => (b ? '1' : '0'),
);

/**
 * `sqlite:<file>`, or KurrentDB (EventStoreDB): `kurrentdb://host:2113?tls=false`,
 * `kurrentdb+discover://node1:2113,node2:2113,node3:2113` (a cluster, through gossip), or the
 * older `esdb://` / `esdb+discover://` spellings of the same.
 */
export type EventStoreUrl =
  { kind: 'sqlite'; file: string } | { kind: 'esdb'; connectionString: string };
const eventStoreUrl = new t.Type<EventStoreUrl, string, unknown>(
  'sqlite:<file>, kurrentdb://host:2113?tls=false, kurrentdb+discover://… or esdb://…',
  (u): u is EventStoreUrl => typeof u === 'object' && u !== null && 'kind' in u,
  (u, c) => {
    if (typeof u !== 'string') return t.failure(u, c);
    if (/^sqlite:.+/.test(u)) return t.success({ kind: 'sqlite', file: u.slice('sqlite:'.length) });
    if (/^(esdb|kurrentdb|kdb)(\+discover)?:\/\/.+/i.test(u))
      return t.success({ kind: 'esdb', connectionString: u });
    return t.failure(u, c);
  },
  (v) => (v.kind === 'sqlite' ? `sqlite:${v.file}` : v.connectionString),
);

/** `sqlite:<file>` or `postgres://user@host:5432/db`. */
export type ReadDbUrl = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };
const readDbUrl = new t.Type<ReadDbUrl, string, unknown>(
  'sqlite:<file> or postgres://user@host:5432/db',
  (u): u is ReadDbUrl => typeof u === 'object' && u !== null && 'kind' in u,
  (u, c) => {
    if (typeof u !== 'string') return t.failure(u, c);
    if (/^sqlite:.+/.test(u)) return t.success({ kind: 'sqlite', file: u.slice('sqlite:'.length) });
    if (/^postgres(ql)?:\/\/.+/.test(u)) return t.success({ kind: 'postgres', url: u });
    return t.failure(u, c);
  },
  (v) => (v.kind === 'sqlite' ? `sqlite:${v.file}` : v.url),
);

const optionalPath = nonEmpty('a file path');
const logLevel = t.keyof({
  fatal: null,
  error: null,
  warn: null,
  info: null,
  debug: null,
  trace: null,
  silent: null,
});

/** Every variable the apps read: name → [codec, default (as the raw string), description]. */
export const variables = {
  DATA_DIR: [nonEmpty('a directory'), './data', 'Where embedded files live (SQLite, keys).'],
  EVENT_STORE: [
    eventStoreUrl,
    'sqlite:./data/events.db',
    'Event store: sqlite:<file> or kurrentdb://… (kurrentdb+discover://… for a cluster)',
  ],
  EVENT_STORE_DEADLINE_MS: [
    positiveInt('a positive integer'),
    '10000',
    'KurrentDB: longest wait for one call, retries included; then 503 with Retry-After.',
  ],
  READ_DB: [readDbUrl, 'sqlite:./data/read.db', 'Read models: sqlite:<file> or postgres://…'],
  HOST: [host, '127.0.0.1', 'Interface the HTTP servers listen on.'],
  COMMAND_API_PORT: [port, '3000', 'Port of the command API.'],
  QUERY_API_PORT: [port, '3001', 'Port of the query API (and the dashboard).'],
  PROJECTOR_PORT: [port, '3002', 'Port of the projector health and metrics endpoint.'],
  PUBLIC_URL: [httpUrl, 'http://127.0.0.1:3000', 'Issuer and base URL of the command API.'],
  SIGNING_KEYS_DIR: [
    nonEmpty('a directory'),
    './data/keys',
    'Ed25519 keys; generated on first start.',
  ],
  SIGNING_PRIVATE_KEY_FILE: [
    t.union([optionalPath, t.undefined]),
    undefined,
    'Optional PKCS#8 PEM key to sign with.',
  ],
  ADMIN_TOKEN_TTL_HOURS: [
    positiveInt('a positive integer'),
    '720',
    'Lifetime of generated admin tokens.',
  ],
  LICENSE_TEST_CLOCK: [
    flag,
    '0',
    '1 enables POST /test/v1/clock/advance (tests only); every app follows it via DATA_DIR/test-clock.json.',
  ],
  LOG_LEVEL: [logLevel, 'info', 'pino log level.'],
  SWEEP_INTERVAL_MS: [
    positiveInt('a positive integer'),
    '1000',
    'How often the expiry sweeper runs.',
  ],
  SEAL_INTERVAL_MINUTES: [
    positiveInt('a positive integer'),
    '10',
    'How often the command API records a signed seal of the hash chains (and at shutdown).',
  ],
  PROJECTION_BATCH_SIZE: [
    positiveInt('a positive integer'),
    '500',
    'Events per projector transaction.',
  ],
  READ_YOUR_WRITES_TIMEOUT_MS: [
    positiveInt('a positive integer'),
    '5000',
    'Longest wait for ?after=<position>.',
  ],
  READY_MAX_LAG_EVENTS: [
    positiveInt('a positive integer'),
    '10000',
    'Projection lag above which the projector is not ready.',
  ],
  HTTP_HEADERS_TIMEOUT_MS: [
    positiveInt('a positive integer'),
    '10000',
    'A connection that has not sent its request headers within this is closed (408).',
  ],
  HTTP_REQUEST_TIMEOUT_MS: [
    positiveInt('a positive integer'),
    '30000',
    'A connection that has not sent its whole request (headers and body) within this is closed.',
  ],
  HTTP_KEEP_ALIVE_TIMEOUT_MS: [
    positiveInt('a positive integer'),
    '5000',
    'An idle keep-alive connection is closed after this.',
  ],
  HTTP_IDLE_TIMEOUT_MS: [
    positiveInt('a positive integer'),
    '60000',
    'A connection on which nothing moves for this long is closed.',
  ],
  METRICS_TOKEN: [
    t.union([nonEmpty('a token'), t.undefined]),
    undefined,
    'If set, /metrics answers only requests with Authorization: Bearer <this token>.',
  ],
  METRICS_PER_LICENSE: [
    flag,
    '1',
    '0 leaves per-license series (license_seats_in_use) out of /metrics, for large fleets.',
  ],
} as const;

type Vars = typeof variables;
export type Config = { readonly [K in keyof Vars]: t.TypeOf<Vars[K][0]> };
export type Env = Readonly<Record<string, string | undefined>>;

/**
 * Decodes the environment; a bad value fails with one line naming the variable. An unset
 * variable takes its default; one set to the empty string is an error (unset it instead), so
 * a half-written `HOST=` never silently means 127.0.0.1.
 */
export const loadConfig = (env: Env): E.Either<string, Config> => {
  const out: Record<string, unknown> = {};
  for (const [name, [codec, fallback]] of Object.entries(variables) as [
    string,
    readonly [t.Mixed, string | undefined, string],
  ][]) {
    const raw = env[name] === undefined ? fallback : env[name];
    if (raw === '') {
      return E.left(
        `invalid configuration: ${name} is set but empty; unset it to take the default` +
          (fallback === undefined ? '' : ` (${fallback})`) +
          `, or give it ${codec.name}`,
      );
    }
    const decoded = codec.decode(raw);
    if (E.isLeft(decoded)) {
      return E.left(`invalid configuration: ${name}=${JSON.stringify(raw)} is not ${codec.name}`);
    }
    out[name] = decoded.right;
  }
  return E.right(out as Config);
};

/**
 * Variables that may carry a secret (a password in a connection string): each may instead be
 * given as `<NAME>_FILE`, the path of a file holding the value (compose / Kubernetes secrets).
 */
export const FILE_VARIABLES = ['EVENT_STORE', 'READ_DB'] as const;

/** The environment with every `<NAME>_FILE` replaced by the file's content (trimmed). */
export const withSecretFiles = (
  env: Env,
  read: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): E.Either<string, Env> => {
  const out: Record<string, string | undefined> = { ...env };
  for (const name of FILE_VARIABLES) {
    const path = env[`${name}_FILE`];
    if (path === undefined || path === '') continue;
    if (env[name] !== undefined && env[name] !== '') {
      return E.left(`invalid configuration: set ${name} or ${name}_FILE, not both`);
    }
    try {
      out[name] = read(path).trim();
    } catch (error) {
      return E.left(
        `invalid configuration: ${name}_FILE=${JSON.stringify(path)} cannot be read (${(error as Error).message})`,
      );
    }
  }
  return E.right(out);
};

/**
 * For mains and CLIs: reads `.env` from the working directory into `process.env` (variables
 * already set in the environment win; an unknown name in the file is an error), then decodes.
 * On any problem: one clear line on stderr and exit code 78 (EX_CONFIG).
 */
export const loadConfigOrExit = (env: NodeJS.ProcessEnv = process.env): Config =>
  pipe(
    loadEnvFile('.env', env, [
      ...Object.keys(variables),
      ...FILE_VARIABLES.map((name) => `${name}_FILE`),
    ]),
    E.chain(() => withSecretFiles(env)),
    E.chain(loadConfig),
    E.getOrElseW((message) => {
      process.stderr.write(`${message}\n`);
      process.exit(78);
    }),
  );

export const CONFIG = Symbol('Config');
