import {
  createCipheriv,
  createDecipheriv,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';

/**
 * O8: the token cache is sealed with AES-256-GCM under a key derived (HKDF-SHA256) from the
 * machine fingerprint and a fixed application salt. Obfuscation, not secrecy — the fingerprint
 * is no secret — but a file copied to another machine does not open there, and any edit of it
 * is detected.
 *
 * Layout: "LSC1" | machine tag (8) | IV (12) | GCM tag (16) | ciphertext. The machine tag (a
 * value derived from the fingerprint, not the fingerprint) tells "another machine" apart from
 * "damaged"; magic and machine tag are authenticated as associated data.
 */
const MAGIC = Buffer.from('LSC1', 'ascii');
const APP_SALT = Buffer.from('@licensing/sdk token cache v1', 'utf8');
const TAG_BYTES = 8;
const IV_BYTES = 12;
const GCM_TAG_BYTES = 16;
const HEADER_BYTES = MAGIC.length + TAG_BYTES;

const derive = (fingerprint: string, info: string, bytes: number): Buffer =>
  Buffer.from(hkdfSync('sha256', Buffer.from(fingerprint, 'utf8'), APP_SALT, info, bytes));

const machineTag = (fingerprint: string) => derive(fingerprint, 'machine tag', TAG_BYTES);

export const seal = (plaintext: Buffer, fingerprint: string): Buffer => {
  const header = Buffer.concat([MAGIC, machineTag(fingerprint)]);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', derive(fingerprint, 'aes-256-gcm key', 32), iv);
  cipher.setAAD(header);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([header, iv, cipher.getAuthTag(), body]);
};

export type Opened =
  | { readonly kind: 'opened'; readonly plaintext: Buffer }
  | { readonly kind: 'another-machine' }
  | { readonly kind: 'corrupt' };

export const open = (sealed: Buffer, fingerprint: string): Opened => {
  if (sealed.length < HEADER_BYTES + IV_BYTES + GCM_TAG_BYTES) return { kind: 'corrupt' };
  if (!sealed.subarray(0, MAGIC.length).equals(MAGIC)) return { kind: 'corrupt' };
  const header = sealed.subarray(0, HEADER_BYTES);
  if (!timingSafeEqual(header.subarray(MAGIC.length), machineTag(fingerprint))) {
    return { kind: 'another-machine' };
  }
  const iv = sealed.subarray(HEADER_BYTES, HEADER_BYTES + IV_BYTES);
  const tag = sealed.subarray(HEADER_BYTES + IV_BYTES, HEADER_BYTES + IV_BYTES + GCM_TAG_BYTES);
  try {
    const decipher = createDecipheriv(
      'aes-256-gcm',
      derive(fingerprint, 'aes-256-gcm key', 32),
      iv,
    );
    decipher.setAAD(header);
    decipher.setAuthTag(tag);
    const body = sealed.subarray(HEADER_BYTES + IV_BYTES + GCM_TAG_BYTES);
    return { kind: 'opened', plaintext: Buffer.concat([decipher.update(body), decipher.final()]) };
  } catch {
    return { kind: 'corrupt' };
  }
};
