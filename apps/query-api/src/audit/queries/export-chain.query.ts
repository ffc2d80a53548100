import { Query } from '@nestjs/cqrs';
import type { ExportFilter } from '@lic/audit-chain';

/**
 * The export of `npm run audit:export` as NDJSON lines: every seal, the events selected with
 * their hash-chain links, and a manifest signed with the server's current key.
 */
export class ExportChain extends Query<AsyncIterable<string>> {
  constructor(readonly filter: ExportFilter) {
    super();
  }
}
