/** The event the projector cannot project, as /health and /health/ready show it. */
export interface FailingEvent {
  /** Global position in the store. */
  readonly position: string;
  readonly stream: string;
  readonly type: string;
  /** The last attempt's error. */
  readonly error: string;
  readonly attempts: number;
  /** When the first attempt failed (ISO-8601). */
  readonly since: string;
  readonly nextAttemptInMs: number;
}

/** Back-off between attempts at a failing event: 100 ms, doubling, at most 30 s. */
export const retryDelayMs = (attempt: number): number =>
  Math.min(30_000, 100 * 2 ** Math.min(attempt - 1, 16));

/** Thrown out of the loop when the projector stops while an event is failing. */
export class ProjectionStopped extends Error {
  override readonly name = 'ProjectionStopped';
  constructor() {
    super('the projector stopped while an event was failing');
  }
}
