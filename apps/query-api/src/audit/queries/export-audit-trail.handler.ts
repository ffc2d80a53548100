import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { AuditEntryRow } from '@lic/read-models';
import { AuditReader } from '../audit-reader';
import { ExportAuditTrail } from './export-audit-trail.query';

@QueryHandler(ExportAuditTrail)
export class ExportAuditTrailHandler implements IQueryHandler<ExportAuditTrail> {
  constructor(private readonly reader: AuditReader) {}

  execute({ filter }: ExportAuditTrail): Promise<AsyncIterable<AuditEntryRow>> {
    return Promise.resolve(this.reader.all(filter));
  }
}
