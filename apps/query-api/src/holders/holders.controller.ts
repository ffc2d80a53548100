import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { decodeQuery, notFound } from '@lic/app';
import { Roles } from '../auth/roles.decorator';
import { licenseIdParam } from '../http/params';
import { holdersParamNames, HoldersParams } from './holders.query-params';
import { ListHolders } from './queries';
import type { HolderKindName } from './queries/list-holders.query';

/** Who holds (and held) a license's seats: leases, sessions, activations; newest first. */
@Controller('query/v1/licenses')
@Roles('admin')
export class HoldersController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':licenseId/leases')
  leases(@Param('licenseId') licenseId: unknown, @Query() query: unknown) {
    return this.list('leases', licenseId, query);
  }

  @Get(':licenseId/sessions')
  sessions(@Param('licenseId') licenseId: unknown, @Query() query: unknown) {
    return this.list('sessions', licenseId, query);
  }

  @Get(':licenseId/activations')
  activations(@Param('licenseId') licenseId: unknown, @Query() query: unknown) {
    return this.list('activations', licenseId, query);
  }

  private async list<K extends HolderKindName>(kind: K, licenseId: unknown, query: unknown) {
    const id = licenseIdParam(licenseId);
    const filter = decodeQuery(HoldersParams, holdersParamNames, query);
    const page = await this.queries.execute(new ListHolders({ kind, licenseId: id, filter }));
    if (page === null) throw notFound(`no license ${id}`);
    return page;
  }
}
