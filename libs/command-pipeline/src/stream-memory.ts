import type { Recall } from '@lic/domain';
import type { StoredMemo } from './aggregate-definition';

/** Clocks of two instances may differ this much: memos are read back and kept this much longer. */
export const MEMORY_SLACK = 60 * 60_000;
/** Memos added between two sweeps for expired ones. */
const SWEEP_EVERY = 1024;

/**
 * One stream's memory, mutable and shared by the successive cached states of the stream (it is
 * only written from inside the stream's lock, and only with events the store holds). Entries are
 * kept in the order their events were decided, so the expired ones are at the front.
 */
export class StreamMemory {
  private entries = new Map<string, { readonly at: number; readonly value: unknown }>();
  private added = 0;
  private newest = Number.NEGATIVE_INFINITY;

  /**
   * @param missingUpTo the memos of the events up to this revision (inclusive) are not held yet
   *   (the state came from a snapshot at it); null: every memo of the stream is held.
   */
  constructor(private missingUpTo: bigint | null) {}

  get complete(): boolean {
    return this.missingUpTo === null;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Whether every one of `keys` can be answered from what is held. */
  answers(keys: readonly string[]): boolean {
    return this.missingUpTo === null || keys.every((k) => this.entries.has(k));
  }

  get(key: string): unknown {
    return this.entries.get(key)?.value;
  }

  /** What is held, by key (for inspection: tests and tools). */
  held(): Record<string, unknown> {
    return Object.fromEntries([...this.entries].map(([key, { value }]) => [key, value]));
  }

  /** A recall of the keys a decision declared; any other key is a bug while memos are missing. */
  recallFor(keys: readonly string[]): Recall {
    if (this.missingUpTo === null) return (key) => this.get(key);
    return (key) => {
      if (!keys.includes(key)) throw new Error(`memory key ${key} was not declared by keysFor`);
      return this.get(key);
    };
  }

  /** Adds the memos of newly read or appended events (newest last). */
  add(memos: readonly StoredMemo[], window: number): void {
    for (const m of memos) {
      this.entries.delete(m.key);
      this.entries.set(m.key, { at: m.at, value: m.value });
      if (m.at > this.newest) this.newest = m.at;
    }
    this.added += memos.length;
    if (this.added >= SWEEP_EVERY) this.sweep(this.newest - window - MEMORY_SLACK);
  }

  /** The revision up to which memos are missing (null: none is). */
  get missing(): bigint | null {
    return this.missingUpTo;
  }

  /**
   * Completes the memory with the memos of the events up to `missing`, read back from the
   * store (each event's memos, newest event first): afterwards every memo is held.
   */
  backfill(older: readonly (readonly StoredMemo[])[], now: number, window: number): void {
    const current = this.entries;
    this.entries = new Map();
    for (let i = older.length - 1; i >= 0; i--) this.add(older[i] ?? [], window);
    for (const [key, entry] of current) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    this.missingUpTo = null;
    this.sweep(Math.max(this.newest, now) - window - MEMORY_SLACK);
  }

  /** Drops the memos decided before `cutoff` (at the front: entries are in decision order). */
  private sweep(cutoff: number): void {
    this.added = 0;
    for (const [key, entry] of this.entries) {
      if (entry.at >= cutoff) break;
      this.entries.delete(key);
    }
  }
}
