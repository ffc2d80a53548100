import { Query } from '@nestjs/cqrs';
import type { SeatsView } from '../seats.view';

/** A license's seats now, from the read models; null when there is no such license. */
export class GetLiveSeats extends Query<SeatsView | null> {
  constructor(readonly licenseId: string) {
    super();
  }
}
