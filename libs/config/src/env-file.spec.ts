import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { loadConfig, variables } from './config';
import { loadEnvFile } from './env-file';

describe('.env', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'env-file-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const known = Object.keys(variables);

  it('sets the variables the environment does not, and the environment wins', () => {
    const file = join(dir, '.env');
    writeFileSync(file, '# local settings\nCOMMAND_API_PORT=4000\nLOG_LEVEL="warn"\n');
    const env: NodeJS.ProcessEnv = { LOG_LEVEL: 'debug' };
    expect(loadEnvFile(file, env, known)).toEqual(E.right(['COMMAND_API_PORT']));
    expect(env).toEqual({ COMMAND_API_PORT: '4000', LOG_LEVEL: 'debug' });
    expect(loadConfig(env)).toMatchObject(E.right({ COMMAND_API_PORT: 4000, LOG_LEVEL: 'debug' }));
  });

  it('refuses a name no app reads (a typo would otherwise be ignored)', () => {
    const file = join(dir, '.env');
    writeFileSync(file, 'COMAND_API_PORT=4000\n');
    const env: NodeJS.ProcessEnv = {};
    const loaded = loadEnvFile(file, env, known);
    expect(E.isLeft(loaded) ? loaded.left : '').toContain(
      'sets COMAND_API_PORT, which no app reads',
    );
    expect(env).toEqual({});
  });

  it('values from the file are validated like the rest: an empty HOST= is refused', () => {
    const file = join(dir, '.env');
    writeFileSync(file, 'HOST=\n');
    const env: NodeJS.ProcessEnv = {};
    expect(loadEnvFile(file, env, known)).toEqual(E.right(['HOST']));
    const config = loadConfig(env);
    expect(E.isLeft(config) ? config.left : '').toContain('HOST is set but empty');
  });

  it('a missing file is fine: .env is optional', () => {
    expect(loadEnvFile(join(dir, '.env'), {}, known)).toEqual(E.right([]));
  });
});
