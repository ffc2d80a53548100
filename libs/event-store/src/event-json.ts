import type { EventMetadata } from './event-store.port';

/** Thrown when a stored event does not have the shape every event of this project has. */
export class MalformedEventError extends Error {
  override readonly name = 'MalformedEventError';
  readonly where: string;
  constructor(where: Where, reason: string) {
    const named = typeof where === 'string' ? where : where();
    super(`${named}: ${reason}`);
    this.where = named;
  }
}

/**
 * Which event is being read, for an error message: the text, or a function that writes it
 * (a reader of many events names each one only if it turns out to be malformed).
 */
export type Where = string | (() => string);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function decodeEventData(value: unknown, where: Where): Record<string, unknown> {
  if (!isRecord(value)) throw new MalformedEventError(where, 'data is not a JSON object');
  return value;
}

export function decodeEventMetadata(value: unknown, where: Where): EventMetadata {
  if (!isRecord(value)) throw new MalformedEventError(where, 'metadata is not a JSON object');
  const { correlationId, causationId, actor } = value;
  if (typeof correlationId !== 'string') {
    throw new MalformedEventError(where, 'metadata.correlationId is not a string');
  }
  if (causationId !== null && typeof causationId !== 'string') {
    throw new MalformedEventError(where, 'metadata.causationId is neither a string nor null');
  }
  if (typeof actor !== 'string')
    throw new MalformedEventError(where, 'metadata.actor is not a string');
  // The chain's fields as stored, where present; their validity is the chain verifier's to
  // judge, not ours. Set one by one on the new object: no spread per event read.
  const metadata: { -readonly [K in keyof EventMetadata]: EventMetadata[K] } = {
    correlationId,
    causationId,
    actor,
  };
  const { at, prev, hash } = value;
  if (typeof at === 'string') metadata.at = at;
  if (typeof prev === 'string' || prev === null) metadata.prev = prev;
  if (typeof hash === 'string') metadata.hash = hash;
  return metadata;
}

/** JSON.parse with the event's whereabouts in the error. */
export function parseJson(text: string, where: Where): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new MalformedEventError(where, `invalid JSON (${(error as Error).message})`);
  }
}

/** JSON.stringify that names what failed (a bigint in a payload is the usual culprit). */
export function stringifyJson(value: unknown, what: string): string {
  try {
    const text = JSON.stringify(value);
    if (text === undefined) throw new TypeError('not representable as JSON');
    return text;
  } catch (error) {
    throw new TypeError(`${what} is not JSON-serialisable: ${(error as Error).message}`);
  }
}
