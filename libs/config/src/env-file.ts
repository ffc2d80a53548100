import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import * as E from 'fp-ts/Either';

/**
 * Reads a dotenv file (Node's own parser, the one behind `process.loadEnvFile` and
 * `--env-file`) into `env`, for the variables `env` does not set already: the real
 * environment always wins, so `COMMAND_API_PORT=4000 npm start` overrides the file. A name
 * the apps do not read is an error — a typo in `.env` would otherwise be ignored silently.
 * A missing file is fine: `.env` is optional. Returns the names it set.
 */
export const loadEnvFile = (
  file: string,
  env: NodeJS.ProcessEnv,
  known: readonly string[],
): E.Either<string, readonly string[]> => {
  const path = resolve(file);
  if (!existsSync(path)) return E.right([]);
  let parsed: NodeJS.Dict<string>;
  try {
    parsed = parseEnv(readFileSync(path, 'utf8'));
  } catch (error) {
    return E.left(
      `invalid configuration: ${path} cannot be read (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const unknown = Object.keys(parsed).filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    return E.left(
      `invalid configuration: ${path} sets ${unknown.join(', ')}, which no app reads ` +
        `(the variables are listed in .env.example)`,
    );
  }
  const applied: string[] = [];
  for (const [name, value] of Object.entries(parsed)) {
    if (env[name] !== undefined || value === undefined) continue;
    env[name] = value;
    applied.push(name);
  }
  return E.right(applied);
};
