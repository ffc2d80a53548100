import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { toIso } from '@lic/domain';
import type { Clock } from '@lic/clock';
import { Roles } from '../auth/roles.decorator';
import { CheckpointWatcher } from '../consistency/checkpoint-watcher';
import { notFound, decodeQuery } from '@lic/app';
import { licenseIdParam } from '../http/params';
import { CLOCK } from '../infrastructure/tokens';
import { liveSeats } from '../seats/live-seats';
import { LicenseReader } from './license-reader';
import { licenseDetail, licenseSummary } from './license.view';
import { LicensesQuery, licensesQueryNames } from './licenses.queries';

const positionOf = (p: bigint | null) => (p === null ? null : p.toString(10));
const NO_HOLDERS = { activations: [], leases: [], sessions: [] };

@Controller('query/v1/licenses')
export class LicensesController {
  constructor(
    private readonly reader: LicenseReader,
    private readonly watcher: CheckpointWatcher,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Licenses with their live occupancy, in id order; `next_cursor` continues the list. */
  @Get()
  @Roles('admin')
  async list(@Query() query: unknown) {
    const q = decodeQuery(LicensesQuery, licensesQueryNames, query);
    const limit = q.limit ?? 50;
    const now = toIso(this.clock.now());
    const position = positionOf((await this.watcher.current()).position);
    const rows = await this.reader.list(
      {
        limit: limit + 1,
        ...(q.status === undefined ? {} : { status: q.status }),
        ...(q.product_id === undefined ? {} : { productId: q.product_id }),
        ...(q.q === undefined ? {} : { search: q.q }),
        ...(q.cursor === undefined ? {} : { cursor: q.cursor }),
      },
      now,
    );
    const page = rows.slice(0, limit);
    const ids = page.map((r) => r.licenseId);
    const [holders, names] = await Promise.all([
      this.reader.activeHolders(ids, now),
      this.reader.productNames(page.map((r) => r.productId)),
    ]);
    return {
      items: page.map((row) =>
        licenseSummary(
          row,
          liveSeats(row, holders.get(row.licenseId) ?? NO_HOLDERS, now, position),
          names.get(row.productId) ?? null,
        ),
      ),
      next_cursor: rows.length > limit ? (page[page.length - 1]?.licenseId ?? null) : null,
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
    const [holders, names] = await Promise.all([
      this.reader.activeHolders([id], now),
      this.reader.productNames([row.productId]),
    ]);
    const seats = liveSeats(row, holders.get(id) ?? NO_HOLDERS, now, position);
    return { ...licenseDetail(row, seats, names.get(row.productId) ?? null), at: now, position };
  }
}
