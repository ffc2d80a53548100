import { Controller, Get, Param, Query, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import * as t from 'io-ts';
import { fromIso, toIso } from '@lic/domain';
import { ApiError, decodeQuery, notFound } from '@lic/app';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { Roles } from '../auth/roles.decorator';
import { fromEventStore } from '../http/event-store-read';
import { licenseIdParam } from '../http/params';
import { InstantParam } from '../http/query-codecs';
import { GetLiveSeats, GetSeatsAsOf } from './queries';
import type { SeatsView } from './seats.view';

const SeatsParams = t.partial({ as_of: InstantParam });

@Controller('query/v1/licenses')
export class SeatsController {
  constructor(private readonly queries: QueryBus) {}

  /**
   * The license's seats now (read models; admin), or — with ?as_of= — as they stood at that
   * instant, rebuilt from the license's events by the domain's own functions (A3; admin or
   * auditor).
   */
  @Get(':licenseId/seats')
  @Roles('admin', 'auditor')
  async seats(
    @Param('licenseId') licenseId: unknown,
    @Query() query: unknown,
    @Req() request: Pick<AuthenticatedRequest, 'principal'>,
  ): Promise<SeatsView> {
    const id = licenseIdParam(licenseId);
    const { as_of } = decodeQuery(SeatsParams, ['as_of'], query);
    if (as_of !== undefined) {
      const at = fromIso(as_of);
      const seats = await fromEventStore(
        this.queries.execute(new GetSeatsAsOf({ licenseId: id, at })),
      );
      if (seats === null) throw notFound(`license ${id} was not issued at ${toIso(at)}`);
      return seats;
    }
    if (!request.principal?.roles.includes('admin')) {
      throw new ApiError(
        'FORBIDDEN',
        'the live view needs the admin role; auditors may ask ?as_of=',
      );
    }
    const seats = await this.queries.execute(new GetLiveSeats(id));
    if (seats === null) throw notFound(`no license ${id}`);
    return seats;
  }
}
