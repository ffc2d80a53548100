import { Controller, Get, Inject, Param, Query, Req } from '@nestjs/common';
import * as t from 'io-ts';
import { fromIso, toIso } from '@lic/domain';
import type { Clock } from '@lic/clock';
import type { EventStore } from '@lic/event-store';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { Roles } from '../auth/roles.decorator';
import { CheckpointWatcher } from '../consistency/checkpoint-watcher';
import { ApiError, notFound, decodeQuery } from '@lic/app';
import { licenseIdParam } from '../http/params';
import { InstantParam } from '../http/query-codecs';
import { CLOCK, EVENT_STORE } from '../infrastructure/tokens';
import { LicenseReader } from '../licenses/license-reader';
import { UnfoldableHistoryError, foldLicenseAt, seatsAt } from './as-of-seats';
import { liveSeats } from './live-seats';
import type { SeatsView } from './seats.view';

const SeatsQuery = t.partial({ as_of: InstantParam });

@Controller('query/v1/licenses')
export class SeatsController {
  constructor(
    private readonly reader: LicenseReader,
    private readonly watcher: CheckpointWatcher,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

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
    @Req() request: AuthenticatedRequest,
  ): Promise<SeatsView> {
    const id = licenseIdParam(licenseId);
    const { as_of } = decodeQuery(SeatsQuery, ['as_of'], query);
    if (as_of !== undefined) return this.asOf(id, fromIso(as_of));
    if (!request.principal?.roles.includes('admin')) {
      throw new ApiError(
        'FORBIDDEN',
        'the live view needs the admin role; auditors may ask ?as_of=',
      );
    }
    const now = toIso(this.clock.now());
    const checkpoint = await this.watcher.current();
    const row = await this.reader.get(id);
    if (row === null) throw notFound(`no license ${id}`);
    const holders = await this.reader.activeHolders([id], now);
    const active = holders.get(id) ?? { activations: [], leases: [], sessions: [] };
    return liveSeats(row, active, now, checkpoint.position?.toString(10) ?? null);
  }

  private async asOf(licenseId: string, at: number): Promise<SeatsView> {
    let folded: Awaited<ReturnType<typeof foldLicenseAt>>;
    try {
      folded = await foldLicenseAt(this.eventStore, licenseId, at);
    } catch (error) {
      // A history that does not decode is a defect (logged, 500), not a reason to retry.
      if (error instanceof UnfoldableHistoryError) throw error;
      throw new ApiError('EVENT_STORE_UNAVAILABLE', 'the event store could not be read; retry');
    }
    if (folded === null) throw notFound(`license ${licenseId} was not issued at ${toIso(at)}`);
    return seatsAt(folded, at);
  }
}
