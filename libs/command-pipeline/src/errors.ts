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

/**
 * A decision whose events would not read back: nothing was appended. A defect (a bound the
 * request codecs and the domain should have enforced): the message names the command.
 */
export class UnrecordableEventError extends Error {
  override readonly name = 'UnrecordableEventError';
  constructor(
    readonly streamName: string,
    readonly commandType: string,
    readonly eventType: string,
    readonly problems: readonly string[],
  ) {
    super(
      `command ${commandType} on ${streamName} decided ${eventType}, which would not read back: ${problems.join('; ')}; nothing was appended`,
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
