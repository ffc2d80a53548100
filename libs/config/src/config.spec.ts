import * as E from 'fp-ts/Either';
import { loadConfig, variables, withSecretFiles } from './config';

describe('configuration', () => {
  it('decodes the embedded defaults with nothing set', () => {
    const c = loadConfig({});
    expect(c).toMatchObject(
      E.right({
        EVENT_STORE: { kind: 'sqlite', file: './data/events.db' },
        READ_DB: { kind: 'sqlite', file: './data/read.db' },
        COMMAND_API_PORT: 3000,
        LICENSE_TEST_CLOCK: false,
      }),
    );
  });

  it('reads the production shape', () => {
    const c = loadConfig({
      EVENT_STORE: 'esdb://kurrentdb:2113?tls=false',
      READ_DB: 'postgres://app@postgres:5432/licensing',
      LICENSE_TEST_CLOCK: '1',
    });
    expect(c).toMatchObject(
      E.right({
        EVENT_STORE: { kind: 'esdb', connectionString: 'esdb://kurrentdb:2113?tls=false' },
        READ_DB: { kind: 'postgres', url: 'postgres://app@postgres:5432/licensing' },
        LICENSE_TEST_CLOCK: true,
      }),
    );
  });

  it.each([
    'kurrentdb://kurrentdb:2113?tls=false',
    'kurrentdb+discover://kurrentdb-1:2113,kurrentdb-2:2113,kurrentdb-3:2113',
    'esdb+discover://node:2113',
  ])('takes the KurrentDB connection string %s', (url) => {
    expect(loadConfig({ EVENT_STORE: url, EVENT_STORE_DEADLINE_MS: '2500' })).toMatchObject(
      E.right({
        EVENT_STORE: { kind: 'esdb', connectionString: url },
        EVENT_STORE_DEADLINE_MS: 2500,
      }),
    );
  });

  it.each([
    ['EVENT_STORE', 'mysql://x'],
    ['EVENT_STORE_DEADLINE_MS', '0'],
    ['READ_DB', 'mongodb://x'],
    ['COMMAND_API_PORT', '70000'],
    ['SWEEP_INTERVAL_MS', '-5'],
    ['SEAL_INTERVAL_MINUTES', '0'],
    ['LICENSE_TEST_CLOCK', 'yes'],
    ['LOG_LEVEL', 'loud'],
  ])('a bad %s stops start-up with one line naming it', (name, value) => {
    const c = loadConfig({ [name]: value });
    expect(E.isLeft(c)).toBe(true);
    if (E.isLeft(c)) {
      expect(c.left).toContain(name);
      expect(c.left.split('\n')).toHaveLength(1);
    }
  });

  it.each([
    ['HOST', '', 'is set but empty'],
    ['HOST', 'http://0.0.0.0', 'not a host name or IP address'],
    ['HOST', 'localhost:3000', 'not a host name or IP address'],
    ['PUBLIC_URL', 'localhost:3000', 'not an http:// or https:// URL'],
    ['PUBLIC_URL', 'ftp://licenses.example.com', 'not an http:// or https:// URL'],
    ['PUBLIC_URL', 'http://', 'not an http:// or https:// URL'],
    ['LOG_LEVEL', '', 'is set but empty'],
    ['EVENT_STORE', 'sqlite:', 'is not sqlite:<file>'],
  ])('%s=%j is refused: %s', (name, value, problem) => {
    const c = loadConfig({ [name]: value });
    expect(E.isLeft(c) ? c.left : 'accepted').toContain(`${name}`);
    expect(E.isLeft(c) ? c.left : 'accepted').toContain(problem);
  });

  it.each([
    ['HOST', '0.0.0.0', '0.0.0.0'],
    ['HOST', '::', '::'],
    ['HOST', 'licenses.internal', 'licenses.internal'],
    ['PUBLIC_URL', 'https://licenses.example.com/', 'https://licenses.example.com'],
    ['PUBLIC_URL', 'http://10.0.0.5:3000', 'http://10.0.0.5:3000'],
  ])('%s=%j is accepted as %j', (name, value, expected) => {
    expect(loadConfig({ [name]: value })).toMatchObject(E.right({ [name]: expected }));
  });

  it('knows every variable it documents', () => {
    expect(Object.keys(variables).length).toBeGreaterThan(10);
  });

  it('reads a secret variable from the file named by <NAME>_FILE', () => {
    const files: Record<string, string> = { '/run/secrets/url': 'kurrentdb://admin:pw@db:2113\n' };
    const read = (path: string) => {
      const content = files[path];
      if (content === undefined) throw new Error('ENOENT');
      return content;
    };
    const env = withSecretFiles({ EVENT_STORE_FILE: '/run/secrets/url' }, read);
    expect(E.isRight(env) && loadConfig(env.right)).toMatchObject(
      E.right({ EVENT_STORE: { kind: 'esdb', connectionString: 'kurrentdb://admin:pw@db:2113' } }),
    );
    const missing = withSecretFiles({ READ_DB_FILE: '/nope' }, read);
    expect(E.isLeft(missing) && missing.left).toMatch(/READ_DB_FILE.*cannot be read/);
    const both = withSecretFiles({ READ_DB: 'x', READ_DB_FILE: '/run/secrets/url' }, read);
    expect(E.isLeft(both) && both.left).toMatch(/not both/);
  });
});
