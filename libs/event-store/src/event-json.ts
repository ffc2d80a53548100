import type { EventMetadata } from './event-store.port';

/** Thrown when a stored event does not have the shape every event of this project has. */
export class MalformedEventError extends Error {
  override readonly name = 'MalformedEventError';
  constructor(
    readonly where: string,
    reason: string,
  ) {
    super(`${where}: ${reason}`);
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function decodeEventData(value: unknown, where: string): Record<string, unknown> {
  if (!isRecord(value)) throw new MalformedEventError(where, 'data is not a JSON object');
  return value;
}

export function decodeEventMetadata(value: unknown, where: string): EventMetadata {
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
  return { correlationId, causationId, actor, ...chainFields(value) };
}

/** The chain's fields as stored; their validity is the chain verifier's to judge, not ours. */
const chainFields = (value: Record<string, unknown>): Partial<EventMetadata> => {
  const { at, prev, hash } = value;
  return {
    ...(typeof at === 'string' ? { at } : {}),
    ...(typeof prev === 'string' || prev === null ? { prev } : {}),
    ...(typeof hash === 'string' ? { hash } : {}),
  };
};

/** JSON.parse with the event's whereabouts in the error. */
export function parseJson(text: string, where: string): unknown {
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
