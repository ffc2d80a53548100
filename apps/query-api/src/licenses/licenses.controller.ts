import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { decodeQuery, notFound } from '@lic/app';
import { Roles } from '../auth/roles.decorator';
import { licenseIdParam } from '../http/params';
import { licensesParamNames, LicensesParams } from './licenses.query-params';
import { GetLicense, ListLicenses } from './queries';

@Controller('query/v1/licenses')
@Roles('admin')
export class LicensesController {
  constructor(private readonly queries: QueryBus) {}

  /** Licenses with their live occupancy, in id order; `next_cursor` continues the list. */
  @Get()
  list(@Query() query: unknown) {
    const params = decodeQuery(LicensesParams, licensesParamNames, query);
    return this.queries.execute(new ListLicenses(params));
  }

  @Get(':licenseId')
  async detail(@Param('licenseId') licenseId: unknown) {
    const id = licenseIdParam(licenseId);
    const license = await this.queries.execute(new GetLicense(id));
    if (license === null) throw notFound(`no license ${id}`);
    return license;
  }
}
