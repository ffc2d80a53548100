import { Query } from '@nestjs/cqrs';
import type { KeysetPage } from '../../http/keyset-page';
import type { LicenseSummary } from '../license.view';
import type { LicensesParams } from '../licenses.query-params';

export interface LicensesPage extends KeysetPage<LicenseSummary> {
  readonly position: string | null;
}

/** Licenses with their live seats, in id order, filtered (GET /query/v1/licenses). */
export class ListLicenses extends Query<LicensesPage> {
  constructor(readonly params: LicensesParams) {
    super();
  }
}
