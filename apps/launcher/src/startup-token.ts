import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from '@lic/clock';
import type { Config } from '@lic/config';
import {
  mintAdminToken,
  reusableAdminToken,
  type MintConfig,
} from '../../command-api/src/cli/mint-admin-token';

export interface StartupToken {
  readonly token: string;
  readonly file: string;
  /** True when the token of the previous start was still good and is printed again. */
  readonly reused: boolean;
}

const readIfThere = async (file: string): Promise<string | null> => {
  try {
    return (await readFile(file, 'utf8')).trim() || null;
  } catch {
    return null;
  }
};

/**
 * The one admin token `npm start` prints. What an operator expects after a restart is the same
 * token as before (bookmarked dashboard links keep working), not a new one per start: the token
 * in <DATA_DIR>/admin-token is printed again while it is recorded, not revoked, and valid for at
 * least another day (or half its configured lifetime, if shorter). Otherwise a new one is
 * minted — its issuance recorded as AdminTokenIssued.v1 by system:launcher — and written there
 * (readable by the owner only).
 */
export const startupToken = async (
  config: MintConfig & Pick<Config, 'DATA_DIR' | 'ADMIN_TOKEN_TTL_HOURS'>,
  clock: Clock,
): Promise<StartupToken> => {
  const file = join(config.DATA_DIR, 'admin-token');
  const previous = await readIfThere(file);
  const minHours = Math.min(24, config.ADMIN_TOKEN_TTL_HOURS / 2);
  if (previous !== null && (await reusableAdminToken(config, clock, previous, minHours))) {
    return { token: previous, file, reused: true };
  }
  const token = await mintAdminToken(config, clock, {
    role: 'admin',
    subject: 'bootstrap-admin',
    ttlHours: config.ADMIN_TOKEN_TTL_HOURS,
    label: 'printed by npm start',
    mintedBy: 'launcher',
  });
  await mkdir(config.DATA_DIR, { recursive: true });
  await writeFile(file, `${token}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return { token, file, reused: false };
};
