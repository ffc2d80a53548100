import { Query } from '@nestjs/cqrs';
import type { HolderKind } from '@lic/read-models';
import type { HourRange } from '../time-range';
import type { utilizationReport } from '../utilization-report';

export interface UtilizationOf {
  readonly licenseId: string;
  readonly range: HourRange;
  /** The instant the report is made at: the current hour is cut there. */
  readonly at: string;
  readonly kind?: HolderKind | undefined;
}

export type UtilizationReport = Awaited<ReturnType<typeof utilizationReport>>;

/** U1: hourly peak and average seats of one license; null when there is no such license. */
export class GetUtilizationReport extends Query<UtilizationReport | null> {
  constructor(readonly of: UtilizationOf) {
    super();
  }
}
