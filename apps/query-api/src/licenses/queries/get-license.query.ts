import { Query } from '@nestjs/cqrs';
import type { LicenseDetail } from '../license.view';

export interface LicenseAnswer extends LicenseDetail {
  readonly at: string;
  readonly position: string | null;
}

/** One license in full with its live seats; null when there is no such license. */
export class GetLicense extends Query<LicenseAnswer | null> {
  constructor(readonly licenseId: string) {
    super();
  }
}
