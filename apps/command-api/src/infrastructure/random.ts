import { randomBytes, randomUUID } from 'node:crypto';

/** New ids and secrets come from here (and arrive in domain commands as arguments). */
export interface Random {
  id(prefix?: string): string;
  bytes(n: number): Uint8Array;
}

export const cryptoRandom: Random = {
  id: (prefix = '') => `${prefix}${randomUUID().replace(/-/g, '')}`,
  bytes: (n) => new Uint8Array(randomBytes(n)),
};
