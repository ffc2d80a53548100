import { sign, type KeyObject } from 'node:crypto';
import { Worker } from 'node:worker_threads';

/**
 * The thread's code, small enough to start from a string (so the same code runs from the
 * TypeScript sources and from the build): it signs each batch it is sent with the keys it has
 * been given, and answers with the signatures, base64url, in the batch's order.
 */
const THREAD_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { sign } = require('node:crypto');
const keys = new Map();
parentPort.on('message', ({ id, keys: added, items }) => {
  for (const [kid, key] of added) keys.set(kid, key);
  const signatures = items.map(([kid, input]) => {
    try {
      return sign(null, Buffer.from(input), keys.get(kid)).toString('base64url');
    } catch (error) {
      return { failed: String(error && error.message) };
    }
  });
  parentPort.postMessage({ id, signatures });
});
`;

type Signature = string | { readonly failed: string };

interface Pending {
  readonly kid: string;
  readonly key: KeyObject;
  /** The JWS signing input (ASCII: two base64url parts and a dot). */
  readonly input: string;
  readonly resolve: (signature: string) => void;
  readonly reject: (error: unknown) => void;
}

/** Signs on the event loop: what the thread does, for when there is no thread. */
export const signHere = (key: KeyObject, input: string): string =>
  sign(null, Buffer.from(input), key).toString('base64url');

const settleHere = (pending: Pending): void => {
  try {
    pending.resolve(signHere(pending.key, pending.input));
  } catch (error) {
    pending.reject(error);
  }
};

/**
 * Ed25519 signatures made on a thread of their own, off the event loop. The signatures asked
 * for within one turn of the loop go to the thread as one message (after a group commit, the
 * answers of a whole group are signed together), so the loop pays one message per turn, not a
 * signing per answer. Ed25519 is deterministic: the thread gives the bytes the loop would.
 * If the thread cannot start or stops, nothing is lost: whatever it had not answered, and every
 * later signature, is signed on the loop instead. Each private key is sent to the thread once,
 * the first time its kid is used; keys never appear in a message's error or a log.
 */
export class SigningThread {
  private worker: Worker | null;
  private queue: Pending[] = [];
  private readonly inFlight = new Map<number, Pending[]>();
  private readonly keysSent = new Map<string, KeyObject>();
  private nextId = 0;

  private constructor(worker: Worker | null) {
    this.worker = worker;
    if (worker === null) return;
    worker.unref();
    worker.on('message', (m: { id: number; signatures: Signature[] }) => this.answered(m));
    worker.on('error', () => this.stopped());
    worker.on('exit', () => this.stopped());
  }

  static start(): SigningThread {
    try {
      return new SigningThread(new Worker(THREAD_SOURCE, { eval: true, execArgv: [] }));
    } catch {
      return new SigningThread(null);
    }
  }

  /** The base64url Ed25519 signature of `input` with `key` (known to the thread as `kid`). */
  sign(kid: string, key: KeyObject, input: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const pending: Pending = { kid, key, input, resolve, reject };
      if (this.worker === null) return settleHere(pending);
      this.queue.push(pending);
      if (this.queue.length === 1) setImmediate(() => this.flush());
    });
  }

  /** Stops the thread (tests: what happens to signatures it had not answered). */
  async terminate(): Promise<void> {
    await this.worker?.terminate();
  }

  private flush(): void {
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    if (this.worker === null) return batch.forEach(settleHere);
    const keys: [string, KeyObject][] = [];
    for (const { kid, key } of batch) {
      if (this.keysSent.get(kid) === key) continue;
      this.keysSent.set(kid, key);
      keys.push([kid, key]);
    }
    const id = this.nextId++;
    this.inFlight.set(id, batch);
    if (this.inFlight.size === 1) this.worker.ref();
    this.worker.postMessage({ id, keys, items: batch.map((p) => [p.kid, p.input]) });
  }

  private answered({ id, signatures }: { id: number; signatures: Signature[] }): void {
    const batch = this.inFlight.get(id);
    this.inFlight.delete(id);
    if (this.inFlight.size === 0) this.worker?.unref();
    batch?.forEach((pending, i) => {
      const signature = signatures[i];
      if (typeof signature === 'string') pending.resolve(signature);
      else settleHere(pending); // the loop's own attempt reports the error, if there is one
    });
  }

  private stopped(): void {
    if (this.worker === null) return;
    this.worker = null;
    const unanswered = [...this.inFlight.values(), this.queue].flat();
    this.inFlight.clear();
    this.queue = [];
    unanswered.forEach(settleHere);
  }
}
