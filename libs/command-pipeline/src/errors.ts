/** A stored event that does not decode: names the stream and revision, never crashes. */
export class UndecodableEventError extends Error {
  override readonly name = 'UndecodableEventError';
  constructor(
    readonly streamName: string,
    readonly revision: bigint,
    readonly eventType: string,
    readonly problems: readonly string[],
  ) {
    super(
      `stored event ${streamName}@${revision} (${eventType}) does not decode: ${problems.join('; ')}`,
    );
  }
}

/** Optimistic concurrency kept failing: the caller answers 409 and the client may retry. */
export class ConcurrencyConflictError extends Error {
  override readonly name = 'ConcurrencyConflictError';
  constructor(
    readonly streamName: string,
    readonly attempts: number,
  ) {
    super(`stream ${streamName} changed concurrently ${attempts} times; gave up`);
  }
}
