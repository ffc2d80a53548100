import { Query } from '@nestjs/cqrs';
import type { expiringReport } from '../expiring-report';

export interface ExpiringWithin {
  /** The instant the days are counted from. */
  readonly at: string;
  readonly days: number;
  readonly productId?: string | undefined;
}

export type ExpiringReport = Awaited<ReturnType<typeof expiringReport>>;

/** O7: licenses expiring within the next days, soonest first. */
export class GetExpiringReport extends Query<ExpiringReport> {
  constructor(readonly within: ExpiringWithin) {
    super();
  }
}
