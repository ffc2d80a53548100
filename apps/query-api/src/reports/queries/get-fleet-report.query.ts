import { Query } from '@nestjs/cqrs';
import type { HolderKind } from '@lic/read-models';
import type { fleetReport } from '../fleet-report';
import type { HourRange } from '../time-range';

export interface FleetOf {
  readonly range: HourRange;
  /** The instant the report is made at. */
  readonly at: string;
  readonly productId?: string | undefined;
  readonly kind?: HolderKind | undefined;
}

export type FleetReport = Awaited<ReturnType<typeof fleetReport>>;

/** U1 for the fleet and per product: seats summed per holder kind, hour by hour. */
export class GetFleetReport extends Query<FleetReport> {
  constructor(readonly of: FleetOf) {
    super();
  }
}
