import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { decodeQuery, notFound } from '@lic/app';
import { Roles } from '../auth/roles.decorator';
import { licenseIdParam } from '../http/params';
import { ListRefusals } from './queries';
import { refusalsParamNames, RefusalsParams } from './refusals.query-params';

/** U2: a license's recorded refusals with who was refused, newest first. */
@Controller('query/v1/licenses')
@Roles('admin', 'auditor')
export class RefusalsController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':licenseId/refusals')
  async list(@Param('licenseId') licenseId: unknown, @Query() query: unknown) {
    const id = licenseIdParam(licenseId);
    const page = decodeQuery(RefusalsParams, refusalsParamNames, query);
    const refusals = await this.queries.execute(new ListRefusals({ licenseId: id, page }));
    if (refusals === null) throw notFound(`no license ${id}`);
    return refusals;
  }
}
