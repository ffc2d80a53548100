import { inspect } from 'node:util';
import type { JwkSet, SigningKey } from './signing-key';

/** A ring's contents at one moment; `reload()` swaps in a new one whole. */
export interface RingState {
  readonly currentKid: string;
  readonly keys: readonly SigningKey[];
}

/** Current first, then newest first; keys without a creation time (PEM) after, by kid. */
const publicationOrder = (state: RingState): SigningKey[] =>
  [...state.keys].sort(
    (a, b) =>
      Number(b.kid === state.currentKid) - Number(a.kid === state.currentKid) ||
      (b.createdAt ?? -Infinity) - (a.createdAt ?? -Infinity) ||
      (a.kid < b.kid ? -1 : a.kid > b.kid ? 1 : 0),
  );

interface Snapshot {
  readonly current: SigningKey;
  readonly byKid: ReadonlyMap<string, SigningKey>;
  readonly ordered: readonly SigningKey[];
}

const snapshot = (state: RingState): Snapshot => {
  const byKid = new Map(state.keys.map((k) => [k.kid, k]));
  const current = byKid.get(state.currentKid);
  if (current === undefined) throw new Error(`the current key ${state.currentKid} is missing`);
  return { current, byKid, ordered: publicationOrder(state) };
};

/**
 * The signing keys of this server: one current key that signs, and every key ever used, kept
 * to verify what it signed and to re-sign idempotent replays byte for byte. Made by
 * openKeyRing. Its private keys are non-extractable, and it serializes to kids only.
 */
export class KeyRing {
  #snapshot: Snapshot;
  readonly #load: () => Promise<RingState>;

  constructor(state: RingState, load: () => Promise<RingState>) {
    this.#snapshot = snapshot(state);
    this.#load = load;
  }

  /** The key new signatures are made with. */
  get current(): SigningKey {
    return this.#snapshot.current;
  }

  /** Any key of the ring, current or retired. */
  get(kid: string): SigningKey | undefined {
    return this.#snapshot.byKid.get(kid);
  }

  /** Every public key, current first: the document served as the JWKS. */
  jwks(): JwkSet {
    return { keys: this.#snapshot.ordered.map((k) => k.publicJwk) };
  }

  /** Re-reads the key directory, e.g. after rotateKeys() in another process. */
  async reload(): Promise<void> {
    this.#snapshot = snapshot(await this.#load());
  }

  toJSON(): { current: string; kids: string[] } {
    return { current: this.current.kid, kids: this.#snapshot.ordered.map((k) => k.kid) };
  }

  [inspect.custom](): string {
    return `KeyRing ${JSON.stringify(this.toJSON())}`;
  }
}
