import { Query } from '@nestjs/cqrs';
import type { KeysetPage } from '../../http/keyset-page';
import type { SealsParams } from '../audit.query-params';
import type { SealView } from '../seal.view';

/**
 * The signed seals, oldest first, straight from the event store (a store that cannot be read
 * is thrown).
 */
export class ListSeals extends Query<KeysetPage<SealView>> {
  constructor(readonly params: SealsParams) {
    super();
  }
}
