import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { keysetPage, type KeysetPage } from '../../http/keyset-page';
import { AuditReader } from '../audit-reader';
import { auditEntryView, type AuditEntryView } from '../audit-entry.view';
import { ListAuditEntries } from './list-audit-entries.query';

@QueryHandler(ListAuditEntries)
export class ListAuditEntriesHandler implements IQueryHandler<ListAuditEntries> {
  constructor(private readonly reader: AuditReader) {}

  async execute({ params }: ListAuditEntries): Promise<KeysetPage<AuditEntryView>> {
    const { limit = 100, ...filter } = params;
    const rows = await this.reader.page(filter, limit + 1);
    const page = keysetPage(rows, limit, (row) => row.position.toString(10));
    return { ...page, items: page.items.map(auditEntryView) };
  }
}
