import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { toIso } from '@lic/domain';
import type { Clock } from '@lic/clock';
import { Roles } from '../auth/roles.decorator';
import { notFound, decodeQuery } from '@lic/app';
import { licenseIdParam } from '../http/params';
import { CLOCK } from '../infrastructure/tokens';
import { LicenseReader } from '../licenses/license-reader';
import { HolderReader } from './holder-reader';
import { activationView, leaseView, sessionView } from './holder.views';
import { HoldersQuery, holdersQueryNames } from './holders.queries';

/** Who holds (and held) a license's seats: leases, sessions, activations; newest first. */
@Controller('query/v1/licenses')
@Roles('admin')
export class HoldersController {
  constructor(
    private readonly holders: HolderReader,
    private readonly licenses: LicenseReader,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get(':licenseId/leases')
  async leases(@Param('licenseId') licenseId: unknown, @Query() query: unknown) {
    const id = await this.existing(licenseId);
    const q = decodeQuery(HoldersQuery, holdersQueryNames, query);
    const now = toIso(this.clock.now());
    const page = await this.holders.leases(id, q, now);
    return { items: page.items.map((l) => leaseView(l, now)), next_cursor: page.nextCursor };
  }

  @Get(':licenseId/sessions')
  async sessions(@Param('licenseId') licenseId: unknown, @Query() query: unknown) {
    const id = await this.existing(licenseId);
    const q = decodeQuery(HoldersQuery, holdersQueryNames, query);
    const now = toIso(this.clock.now());
    const page = await this.holders.sessions(id, q, now);
    return { items: page.items.map((s) => sessionView(s, now)), next_cursor: page.nextCursor };
  }

  @Get(':licenseId/activations')
  async activations(@Param('licenseId') licenseId: unknown, @Query() query: unknown) {
    const id = await this.existing(licenseId);
    const q = decodeQuery(HoldersQuery, holdersQueryNames, query);
    const page = await this.holders.activations(id, q);
    return { items: page.items.map(activationView), next_cursor: page.nextCursor };
  }

  private async existing(licenseId: unknown): Promise<string> {
    const id = licenseIdParam(licenseId);
    if ((await this.licenses.get(id)) === null) throw notFound(`no license ${id}`);
    return id;
  }
}
