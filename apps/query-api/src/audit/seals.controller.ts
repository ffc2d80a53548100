import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { decodeQuery } from '@lic/app';
import { Roles } from '../auth/roles.decorator';
import { fromEventStore } from '../http/event-store-read';
import { SealsParams, sealsParamNames } from './audit.query-params';
import { ListSeals } from './queries';

/**
 * The signed seals, oldest first, straight from the event store: an auditor keeps copies
 * elsewhere, so that a later rewrite of anything before a seal shows.
 */
@Controller('query/v1/audit/seals')
@Roles('admin', 'auditor')
export class SealsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  list(@Query() query: unknown) {
    const params = decodeQuery(SealsParams, sealsParamNames, query);
    return fromEventStore(this.queries.execute(new ListSeals(params)));
  }
}
