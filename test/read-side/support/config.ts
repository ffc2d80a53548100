import * as E from 'fp-ts/Either';
import { loadConfig, type Config, type ReadDbUrl } from '@lic/config';

export const readDbEnv = (url: ReadDbUrl): string =>
  url.kind === 'sqlite' ? `sqlite:${url.file}` : url.url;

/** The apps' configuration from an environment, as their mains would decode it. */
export const configFor = (env: Record<string, string>): Config => {
  const decoded = loadConfig({ LOG_LEVEL: 'silent', ...env });
  if (E.isLeft(decoded)) throw new Error(decoded.left);
  return decoded.right;
};
