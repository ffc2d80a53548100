import * as t from 'io-ts';
import { LicenseStatus } from '../license/license-status';

/**
 * What one machine remembers of its license between runs. Times are epoch ms of the SDK's
 * clock. Only `token` (and the keys that verify it) is signed; the rest is this machine's own
 * bookkeeping, protected by the cache's authenticated encryption.
 */
export const CacheRecord = t.type(
  {
    v: t.literal(1),
    serverUrl: t.string,
    /** A short hash of the license key: a cache is never used with another key. */
    keyId: t.string,
    licenseId: t.string,
    activationId: t.string,
    token: t.string,
    /** The strictest status learned, from the token or from the server's last answer. */
    status: LicenseStatus,
    /** When this status was first learned: the start of a suspension's offline grace (O2). */
    statusSince: t.number,
    /** The last time the server confirmed the status online. */
    confirmedAt: t.number,
    /** Offline allowance of this status, in days, as the server stated it (O2). */
    offlineDays: t.number,
    /** The server's JWKS, so that the token can be verified offline. */
    jwks: t.unknown,
  },
  'CacheRecord',
);
export type CacheRecord = t.TypeOf<typeof CacheRecord>;
