import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPair } from 'jose';
import type { SealingKey } from '@lic/audit-chain';
import { openKeyRing, type KeyRing } from '@lic/signing';

/** The server's ring, in a fresh directory. */
export const freshRing = (now: number): Promise<KeyRing> =>
  openKeyRing({ dir: mkdtempSync(join(tmpdir(), 'ring-')), now });

/** A key the server never had, claiming the server's kid: what a forger can sign with. */
export const forgerKey = async (kid: string): Promise<SealingKey> => {
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  return { kid, privateKey };
};
