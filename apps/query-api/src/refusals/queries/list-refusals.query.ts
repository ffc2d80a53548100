import { Query } from '@nestjs/cqrs';
import type { KeysetPage } from '../../http/keyset-page';
import type { RefusalView } from '../refusal.view';
import type { RefusalsParams } from '../refusals.query-params';

export interface RefusalsOf {
  readonly licenseId: string;
  readonly page: RefusalsParams;
}

/** U2: a license's recorded refusals, newest first; null when there is no such license. */
export class ListRefusals extends Query<KeysetPage<RefusalView> | null> {
  constructor(readonly of: RefusalsOf) {
    super();
  }
}
