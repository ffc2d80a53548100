import {
  WrongExpectedRevisionError,
  type AppendResult,
  type ExpectedRevision,
} from '../../event-store.port';
import type { Outcome } from '../append-batch';
import type { AppendRequest } from '../sqlite-append';
import type { SnapshotWrite } from '../sqlite-snapshot-store';

/** What the writer thread is started with. */
export interface WriterOptions {
  readonly file: string;
  readonly busyTimeoutMs: number;
  readonly synchronous: 'FULL' | 'NORMAL';
}

export type ToWriter =
  | {
      readonly kind: 'append';
      readonly id: number;
      readonly recordedAt: string;
      readonly requests: AppendRequest[];
    }
  | { readonly kind: 'snapshot'; readonly id: number; readonly snapshot: SnapshotWrite }
  | { readonly kind: 'close' };

/**
 * An error as it crosses the thread boundary: structured cloning keeps an Error's message but
 * drops its class and fields (a SQLite error's `code`, a conflict's revisions), which the
 * store's callers match on.
 */
export interface WireError {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  readonly conflict?: {
    readonly streamName: string;
    readonly expected: ExpectedRevision;
    readonly actual: bigint | 'no_stream';
  };
}

export type WireOutcome =
  | { readonly ok: true; readonly result: AppendResult }
  | { readonly ok: false; readonly error: WireError };

export type FromWriter =
  | { readonly kind: 'committed'; readonly id: number; readonly outcomes: WireOutcome[] }
  | { readonly kind: 'saved'; readonly id: number }
  | { readonly kind: 'failed'; readonly id: number; readonly error: WireError };

export const toWire = (error: unknown): WireError => {
  if (error instanceof WrongExpectedRevisionError) {
    const { streamName, expected, actual } = error;
    return { name: error.name, message: error.message, conflict: { streamName, expected, actual } };
  }
  const { name, message, code } = (
    typeof error === 'object' && error !== null ? error : { message: String(error) }
  ) as { name?: unknown; message?: unknown; code?: unknown };
  return {
    name: typeof name === 'string' ? name : 'Error',
    message: typeof message === 'string' ? message : String(error),
    ...(typeof code === 'string' ? { code } : {}),
  };
};

export const fromWire = (wire: WireError): Error => {
  if (wire.conflict !== undefined) {
    const { streamName, expected, actual } = wire.conflict;
    return new WrongExpectedRevisionError(streamName, expected, actual);
  }
  const error = new Error(wire.message);
  error.name = wire.name;
  return wire.code === undefined ? error : Object.assign(error, { code: wire.code });
};

export const outcomeToWire = (outcome: Outcome): WireOutcome =>
  outcome.ok ? outcome : { ok: false, error: toWire(outcome.error) };

export const outcomeFromWire = (wire: WireOutcome): Outcome =>
  wire.ok ? wire : { ok: false, error: fromWire(wire.error) };
