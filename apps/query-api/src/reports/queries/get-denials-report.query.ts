import { Query } from '@nestjs/cqrs';
import type { DenialsFilter, denialsReport } from '../denials-report';
import type { HourRange } from '../time-range';

export interface DenialsIn {
  readonly range: HourRange;
  readonly filter: DenialsFilter;
}

export type DenialsReport = Awaited<ReturnType<typeof denialsReport>>;

/** U2 by who: refusals by license, reason and the machine or account refused. */
export class GetDenialsReport extends Query<DenialsReport> {
  constructor(readonly of: DenialsIn) {
    super();
  }
}
