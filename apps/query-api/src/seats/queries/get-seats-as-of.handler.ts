import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { EventStore } from '@lic/event-store';
import { EVENT_STORE } from '../../infrastructure/tokens';
import { foldLicenseAt, seatsAt } from '../as-of-seats';
import type { SeatsView } from '../seats.view';
import { GetSeatsAsOf } from './get-seats-as-of.query';

/** Reads the license's stream: a store failure or an undecodable history is thrown. */
@QueryHandler(GetSeatsAsOf)
export class GetSeatsAsOfHandler implements IQueryHandler<GetSeatsAsOf> {
  constructor(@Inject(EVENT_STORE) private readonly eventStore: EventStore) {}

  async execute({ asOf }: GetSeatsAsOf): Promise<SeatsView | null> {
    const folded = await foldLicenseAt(this.eventStore, asOf.licenseId, asOf.at);
    return folded === null ? null : seatsAt(folded, asOf.at);
  }
}
