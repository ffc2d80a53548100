import { Query } from '@nestjs/cqrs';
import type { KeysetPage } from '../../http/keyset-page';
import type { AuditEntryView } from '../audit-entry.view';
import type { AuditParams } from '../audit.query-params';

/** A1/A3: a page of the audit trail in global order, filtered. */
export class ListAuditEntries extends Query<KeysetPage<AuditEntryView>> {
  constructor(readonly params: AuditParams) {
    super();
  }
}
