import { Query } from '@nestjs/cqrs';
import type { refusalReport } from '../refusal-report';
import type { HourRange } from '../time-range';

export interface RefusalsIn {
  readonly range: HourRange;
  readonly licenseId?: string | undefined;
}

export type RefusalReport = Awaited<ReturnType<typeof refusalReport>>;

/** U2: refusals by reason, by kind and by license over a range of hours. */
export class GetRefusalReport extends Query<RefusalReport> {
  constructor(readonly of: RefusalsIn) {
    super();
  }
}
