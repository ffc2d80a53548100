import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ReadMoment } from '../../consistency/read-moment';
import { LicenseReader } from '../../licenses/license-reader';
import { NO_HOLDERS, liveSeats } from '../live-seats';
import type { SeatsView } from '../seats.view';
import { GetLiveSeats } from './get-live-seats.query';

@QueryHandler(GetLiveSeats)
export class GetLiveSeatsHandler implements IQueryHandler<GetLiveSeats> {
  constructor(
    private readonly reader: LicenseReader,
    private readonly moment: ReadMoment,
  ) {}

  async execute({ licenseId }: GetLiveSeats): Promise<SeatsView | null> {
    const { now, position } = await this.moment.take();
    const row = await this.reader.get(licenseId);
    if (row === null) return null;
    const holders = await this.reader.activeHolders([licenseId], now);
    return liveSeats(row, holders.get(licenseId) ?? NO_HOLDERS, now, position);
  }
}
