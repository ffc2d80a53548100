import { ExportAuditTrailHandler } from './export-audit-trail.handler';
import { ExportChainHandler } from './export-chain.handler';
import { ListAuditEntriesHandler } from './list-audit-entries.handler';
import { ListSealsHandler } from './list-seals.handler';

export { ExportAuditTrail } from './export-audit-trail.query';
export { ExportChain } from './export-chain.query';
export { ListAuditEntries } from './list-audit-entries.query';
export { ListSeals } from './list-seals.query';
export const AUDIT_QUERY_HANDLERS = [
  ListAuditEntriesHandler,
  ExportAuditTrailHandler,
  ListSealsHandler,
  ExportChainHandler,
];
