import * as t from 'io-ts';
import { isRight } from 'fp-ts/Either';
import { readdir, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { isKeyBytes } from './ed25519';
import type { Ed25519PrivateJwk } from './ed25519';
import { createExclusive, isMissing, replaceAtomically } from './durable-file';

/**
 * The key directory:
 *   <kid>.jwk.json  one private JWK per key ever generated here (mode 0600), plus `kid`,
 *                   `alg`, `use` and a non-standard `createdAt` (epoch ms) member;
 *   current.json    {"kid": "..."}: the key new signatures use.
 * Key files are written before `current.json` points at them, and never change afterwards.
 */
export const PRIVATE_FILE_MODE = 0o600;
export const DIRECTORY_MODE = 0o700;
const POINTER_FILE_MODE = 0o644;
const CURRENT = 'current.json';
const KEY_FILE = /^([A-Za-z0-9_-]{43})\.jwk\.json$/;

const keyBytes = new t.Type<string, string, unknown>(
  'base64url(32 bytes)',
  isKeyBytes,
  (u, c) => (isKeyBytes(u) ? t.success(u) : t.failure(u, c)),
  t.identity,
);

const KeyFile = t.type({
  kty: t.literal('OKP'),
  crv: t.literal('Ed25519'),
  x: keyBytes,
  d: keyBytes,
  kid: keyBytes,
  alg: t.literal('EdDSA'),
  use: t.literal('sig'),
  createdAt: t.number,
});
export interface StoredKey {
  readonly kid: string;
  readonly createdAt: number;
  readonly jwk: Ed25519PrivateJwk;
}

const CurrentFile = t.type({ kid: keyBytes });

const keyPath = (dir: string, kid: string): string => join(dir, `${kid}.jwk.json`);

/** Parses JSON and decodes it; the error never quotes the content (it may hold a private key). */
const decodeFile = <A>(codec: t.Decoder<unknown, A>, path: string, text: string): A => {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${path} is not JSON`);
  }
  const decoded = codec.decode(json);
  if (!isRight(decoded)) throw new Error(`${path} is not a valid ${codec.name}`);
  return decoded.right;
};

export const writeKey = async (dir: string, key: StoredKey): Promise<void> => {
  const file: t.TypeOf<typeof KeyFile> = {
    ...key.jwk,
    kid: key.kid,
    alg: 'EdDSA',
    use: 'sig',
    createdAt: key.createdAt,
  };
  // A key is identified by its thumbprint: an existing file with this name holds this very key.
  await createExclusive(keyPath(dir, key.kid), JSON.stringify(file), PRIVATE_FILE_MODE);
};

export const removeKey = (dir: string, kid: string): Promise<void> => unlink(keyPath(dir, kid));

/**
 * Every key in the directory. A file that vanishes between listing and reading is skipped: only
 * a key that lost the race for `current.json` is ever deleted, and it never signed anything.
 */
export const readKeys = async (dir: string): Promise<StoredKey[]> => {
  const names = (await readdir(dir)).filter((n) => KEY_FILE.test(n)).sort();
  const keys = await Promise.all(names.map((name) => readKey(join(dir, name), name)));
  return keys.filter((k): k is StoredKey => k !== null);
};

const readKey = async (path: string, name: string): Promise<StoredKey | null> => {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if (isMissing(e)) return null;
    throw e;
  }
  const f = decodeFile(KeyFile, path, text);
  if (`${f.kid}.jwk.json` !== name) throw new Error(`${path} holds key ${f.kid}`);
  return { kid: f.kid, createdAt: f.createdAt, jwk: { kty: f.kty, crv: f.crv, x: f.x, d: f.d } };
};

/** The kid `current.json` names, or null when no key has been made current yet. */
export const readCurrentKid = async (dir: string): Promise<string | null> => {
  const path = join(dir, CURRENT);
  try {
    return decodeFile(CurrentFile, path, await readFile(path, 'utf8')).kid;
  } catch (e) {
    if (isMissing(e)) return null;
    throw e;
  }
};

/** Makes `kid` current unless some key already is; false when another process got there first. */
export const claimCurrentKid = (dir: string, kid: string): Promise<boolean> =>
  createExclusive(join(dir, CURRENT), JSON.stringify({ kid }), POINTER_FILE_MODE);

export const replaceCurrentKid = (dir: string, kid: string): Promise<void> =>
  replaceAtomically(join(dir, CURRENT), JSON.stringify({ kid }), POINTER_FILE_MODE);
