import { mkdir, readFile } from 'node:fs/promises';
import { generateEd25519, pkcs8ToJwk, thumbprint } from './ed25519';
import {
  DIRECTORY_MODE,
  claimCurrentKid,
  readCurrentKid,
  readKeys,
  removeKey,
  replaceCurrentKid,
  writeKey,
} from './key-directory';
import type { StoredKey } from './key-directory';
import { withFirstKeyLock } from './first-key-lock';
import { KeyRing } from './key-ring';
import type { RingState } from './key-ring';
import { toSigningKey } from './signing-key';

export interface OpenKeyRingOptions {
  /** The key directory; created (mode 0700) if missing. */
  readonly dir: string;
  /** A PKCS#8 PEM Ed25519 key: if given, it is the current key (kept in memory only). */
  readonly privateKeyFile?: string;
  /** Epoch ms: the creation time recorded for a key generated now. */
  readonly now: number;
}

const newKey = async (now: number): Promise<StoredKey> => {
  const jwk = await generateEd25519();
  return { kid: await thumbprint(jwk.x), createdAt: now, jwk };
};

/**
 * Gives an empty directory its first key. Processes starting together (replicas on a fresh key
 * volume) take turns through a lock: the first creates the key and makes it current, the others
 * find it current and create nothing. `current.json` is still created exclusively, so should two
 * ever hold the lock (one broke a lock it took for abandoned), one key wins and the other is
 * deleted before anyone used it.
 */
const ensureCurrentKey = async (dir: string, now: number): Promise<void> =>
  withFirstKeyLock(
    dir,
    async () => (await readCurrentKid(dir)) !== null,
    async () => {
      const key = await newKey(now);
      await writeKey(dir, key);
      if (!(await claimCurrentKid(dir, key.kid))) await removeKey(dir, key.kid);
    },
  );

/**
 * Reads the pointer before the keys: a key file is complete before `current.json` names it,
 * so whatever kid was read is among the keys listed afterwards, even during a rotation.
 */
const loadState = async (dir: string, privateKeyFile?: string): Promise<RingState> => {
  const currentKid = await readCurrentKid(dir);
  const stored = await readKeys(dir);
  const keys = await Promise.all(stored.map((k) => toSigningKey(k.jwk, k.createdAt, k.kid)));
  if (privateKeyFile === undefined) {
    if (currentKid === null) throw new Error(`${dir} has no current key`);
    return { currentKid, keys };
  }
  const pem = await toSigningKey(await pkcs8ToJwk(await readFile(privateKeyFile, 'utf8')), null);
  const alreadyKnown = keys.some((k) => k.kid === pem.kid);
  return { currentKid: pem.kid, keys: alreadyKnown ? keys : [pem, ...keys] };
};

/**
 * Opens the key ring kept in `dir`, generating the first key on first start. With
 * `privateKeyFile`, that key signs; the directory's keys remain published for verification.
 */
export const openKeyRing = async (options: OpenKeyRingOptions): Promise<KeyRing> => {
  const { dir, privateKeyFile, now } = options;
  await mkdir(dir, { recursive: true, mode: DIRECTORY_MODE });
  if (privateKeyFile === undefined) await ensureCurrentKey(dir, now);
  const load = () => loadState(dir, privateKeyFile);
  return new KeyRing(await load(), load);
};

/**
 * Generates a new key and makes it current. Old keys stay in the directory and the JWKS; open
 * rings see the change on reload(). Returns the new kid only, never key material.
 */
export const rotateKeys = async (options: {
  readonly dir: string;
  readonly now: number;
}): Promise<{ kid: string }> => {
  const { dir, now } = options;
  await mkdir(dir, { recursive: true, mode: DIRECTORY_MODE });
  const key = await newKey(now);
  await writeKey(dir, key);
  await replaceCurrentKid(dir, key.kid);
  return { kid: key.kid };
};
