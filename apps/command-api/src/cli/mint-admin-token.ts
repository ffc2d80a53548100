import type { Clock } from '@lic/clock';
import type { Config } from '@lic/config';
import { openKeyRing, signAccessToken, type Role } from '@lic/signing';

const HOUR = 3_600_000;

export interface AdminTokenRequest {
  readonly role: Role;
  /** Who the token stands for: events it causes name `admin:<subject>` as their actor. */
  readonly subject: string;
  readonly ttlHours: number;
}

/**
 * An access token for the admin API, signed with the installation's current signing key (the
 * key directory every command-api replica shares, or SIGNING_PRIVATE_KEY_FILE).
 */
export const mintAdminToken = async (
  config: Pick<Config, 'SIGNING_KEYS_DIR' | 'SIGNING_PRIVATE_KEY_FILE' | 'PUBLIC_URL'>,
  clock: Clock,
  { role, subject, ttlHours }: AdminTokenRequest,
): Promise<string> => {
  const now = clock.now();
  const ring = await openKeyRing({
    dir: config.SIGNING_KEYS_DIR,
    ...(config.SIGNING_PRIVATE_KEY_FILE === undefined
      ? {}
      : { privateKeyFile: config.SIGNING_PRIVATE_KEY_FILE }),
    now,
  });
  return signAccessToken(ring, {
    issuer: config.PUBLIC_URL,
    subject,
    roles: [role],
    issuedAt: now,
    expiresAt: now + ttlHours * HOUR,
  });
};
