import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '@lic/clock';
import { openKeyRing, signAccessToken, type KeyRing } from '@lic/signing';

export interface Tokens {
  readonly ring: KeyRing;
  readonly dir: string;
  readonly admin: string;
  readonly auditor: string;
  readonly nobody: string;
  readonly expired: string;
}

const HOUR = 3_600_000;

/** A key ring in a temporary directory and access tokens signed with it. */
export const issueTokens = async (clock: Clock): Promise<Tokens> => {
  const dir = mkdtempSync(join(tmpdir(), 'read-side-keys-'));
  const ring = await openKeyRing({ dir, now: clock.now() });
  const now = clock.now();
  const sign = (subject: string, roles: ('admin' | 'auditor')[], expiresAt = now + 24 * HOUR) =>
    signAccessToken(ring, {
      issuer: 'http://127.0.0.1:3000',
      subject,
      roles,
      issuedAt: now,
      expiresAt,
    });
  return {
    ring,
    dir,
    admin: await sign('alice', ['admin']),
    auditor: await sign('audrey', ['auditor']),
    nobody: await sign('bob', []),
    expired: await sign('old', ['admin'], now - 1000),
  };
};
