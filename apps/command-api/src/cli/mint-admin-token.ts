import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/Either';
import type { Clock } from '@lic/clock';
import type { Config } from '@lic/config';
import { systemActor } from '@lic/domain';
import { openKeyRing, verifyAccessToken, type KeyRing, type Role } from '@lic/signing';
import { AccessTokenRegistry } from '../auth/access-token-registry';
import { mintRecordedToken } from '../auth/mint-recorded-token';
import { cryptoRandom } from '../infrastructure/random';
import { openStores } from '../infrastructure/open-stores';

const HOUR = 3_600_000;

export type MintConfig = Pick<
  Config,
  | 'SIGNING_KEYS_DIR'
  | 'SIGNING_PRIVATE_KEY_FILE'
  | 'PUBLIC_URL'
  | 'EVENT_STORE'
  | 'EVENT_STORE_DEADLINE_MS'
>;

export interface AdminTokenRequest {
  readonly role: Role;
  /** Who the token stands for: events it causes name `admin:<subject>` as their actor. */
  readonly subject: string;
  readonly ttlHours: number;
  readonly label?: string | null;
  /** Who mints it, recorded as the actor of AdminTokenIssued.v1 (e.g. "admin-token-cli"). */
  readonly mintedBy: string;
}

const keyRingOf = (config: MintConfig, now: number): Promise<KeyRing> =>
  openKeyRing({
    dir: config.SIGNING_KEYS_DIR,
    ...(config.SIGNING_PRIVATE_KEY_FILE === undefined
      ? {}
      : { privateKeyFile: config.SIGNING_PRIVATE_KEY_FILE }),
    now,
  });

/** Runs `work` with the admin-tokens registry of the configured event store, then closes it. */
const withRegistry = async <A>(
  config: MintConfig,
  clock: Clock,
  work: (registry: AccessTokenRegistry) => Promise<A>,
): Promise<A> => {
  const { eventStore, snapshotStore } = openStores(config, clock);
  try {
    return await work(new AccessTokenRegistry(eventStore, snapshotStore, clock));
  } finally {
    await eventStore.close();
  }
};

/**
 * An access token signed with the installation's current signing key (the key directory every
 * command-api replica shares, or SIGNING_PRIVATE_KEY_FILE), its issuance recorded in the
 * configured event store first (AdminTokenIssued.v1), so that it can be listed and revoked.
 */
export const mintAdminToken = async (
  config: MintConfig,
  clock: Clock,
  { role, subject, ttlHours, label = null, mintedBy }: AdminTokenRequest,
): Promise<string> => {
  const now = clock.now();
  const ring = await keyRingOf(config, now);
  const actor = systemActor(mintedBy);
  return withRegistry(config, clock, async (registry) => {
    const minted = await mintRecordedToken(
      registry,
      ring,
      {
        tokenId: cryptoRandom.id('tok'),
        issuer: config.PUBLIC_URL,
        subject,
        roles: [role],
        label,
        ttlHours,
        actor,
        now,
      },
      { correlationId: randomUUID(), causationId: null, actor: `system:${mintedBy}` },
    );
    if (E.isLeft(minted)) throw new Error(minted.left.message);
    return minted.right.token;
  });
};

/**
 * The token `npm start` printed last time, if an operator would still expect it to work: it
 * verifies with this installation's keys, carries an id the admin-tokens stream records as
 * neither revoked nor expired, has an admin role, and stays valid for at least `minHours`
 * more. Otherwise null (the caller mints a new one).
 */
export const reusableAdminToken = async (
  config: MintConfig,
  clock: Clock,
  token: string,
  minHours: number,
): Promise<string | null> => {
  const now = clock.now();
  const verified = await verifyAccessToken(await keyRingOf(config, now), token, now);
  if (verified.kind !== 'valid' || verified.tokenId === null) return null;
  if (!verified.roles.includes('admin') || verified.expiresAt - now < minHours * HOUR) return null;
  const tokenId = verified.tokenId;
  const refused = await withRegistry(config, clock, (registry) => registry.accepts(tokenId));
  return refused === null ? token : null;
};
