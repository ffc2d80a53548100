import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { toIso } from '@lic/domain';
import type { Clock } from '@lic/clock';
import { Roles } from '../auth/roles.decorator';
import { CheckpointWatcher } from '../consistency/checkpoint-watcher';
import { notFound } from '../http/api-error';
import { decodeQuery } from '../http/decode';
import { licenseIdParam } from '../http/params';
import { CLOCK } from '../infrastructure/tokens';
import { liveSeats } from '../seats/live-seats';
import { LicenseReader } from './license-reader';
import { licenseDetail, licenseSummary } from './license.view';
import { LicensesQuery, licensesQueryNames } from './licenses.queries';

const positionOf = (p: bigint | null) => (p === null ? null : p.toString(10));

@Controller('query/v1/licenses')
export class LicensesController {
  constructor(
    private readonly reader: LicenseReader,
    private readonly watcher: CheckpointWatcher,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Licenses with their live occupancy, in id order; `nextCursor` continues the list. */
  @Get()
  @Roles('admin')
  async list(@Query() query: unknown) {
    const q = decodeQuery(LicensesQuery, licensesQueryNames, query);
    const limit = q.limit ?? 50;
    const now = toIso(this.clock.now());
    const position = positionOf((await this.watcher.current()).position);
    const rows = await this.reader.list({ ...q, limit: limit + 1 }, now);
    const page = rows.slice(0, limit);
    const holders = await this.reader.activeHolders(
      page.map((r) => r.licenseId),
      now,
    );
    return {
      items: page.map((row) => {
        const active = holders.get(row.licenseId) ?? { activations: [], leases: [], sessions: [] };
        return licenseSummary(row, liveSeats(row, active, now, position));
      }),
      nextCursor: rows.length > limit ? (page[page.length - 1]?.licenseId ?? null) : null,
      position,
    };
  }

  @Get(':licenseId')
  @Roles('admin')
  async detail(@Param('licenseId') licenseId: unknown) {
    const id = licenseIdParam(licenseId);
    const now = toIso(this.clock.now());
    const position = positionOf((await this.watcher.current()).position);
    const row = await this.reader.get(id);
    if (row === null) throw notFound(`no license ${id}`);
    const holders = await this.reader.activeHolders([id], now);
    const active = holders.get(id) ?? { activations: [], leases: [], sessions: [] };
    return { ...licenseDetail(row, liveSeats(row, active, now, position)), position };
  }
}
