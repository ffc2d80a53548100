import { canonicalJson, sha256Hex, type JsonValue } from '@lic/signing';

/** What one link of a stream's hash chain is computed over. */
export interface HashedContent {
  readonly stream: string;
  readonly revision: bigint;
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
  /** The event's metadata without `hash` (with `prev` and `at` for a chained event). */
  readonly metadata: Readonly<Record<string, unknown>>;
  /** ISO-8601: the decision instant (`at`) of a chained event; null before the chain existed. */
  readonly instant: string | null;
}

/**
 * SHA-256 (64 lowercase hex digits) of the RFC 8785-style canonical JSON of the event's
 * content; the revision is written as a decimal string, so every reader (JavaScript or not)
 * encodes the same bytes.
 */
export const hashEvent = (c: HashedContent): string =>
  sha256Hex(
    canonicalJson({
      stream: c.stream,
      revision: c.revision.toString(10),
      type: c.type,
      data: c.data as JsonValue,
      metadata: c.metadata as JsonValue,
      instant: c.instant,
    }),
  );

export const HASH_PATTERN = /^[0-9a-f]{64}$/;
