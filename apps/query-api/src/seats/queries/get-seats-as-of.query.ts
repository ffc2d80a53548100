import { Query } from '@nestjs/cqrs';
import type { SeatsView } from '../seats.view';

export interface SeatsAsOf {
  readonly licenseId: string;
  /** Epoch milliseconds. */
  readonly at: number;
}

/**
 * A3: a license's seats as they stood at an instant, folded from its events in the store;
 * null when the license was not issued by then.
 */
export class GetSeatsAsOf extends Query<SeatsView | null> {
  constructor(readonly asOf: SeatsAsOf) {
    super();
  }
}
