import { Query } from '@nestjs/cqrs';
import type { AuditEntryRow } from '@lic/read-models';
import type { AuditFilter } from '../audit.query-params';

/** The whole filtered audit trail, read page by page as it is consumed. */
export class ExportAuditTrail extends Query<AsyncIterable<AuditEntryRow>> {
  constructor(readonly filter: AuditFilter) {
    super();
  }
}
