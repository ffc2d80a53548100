import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { keysetPage, type KeysetPage } from '../../http/keyset-page';
import { LicenseReader } from '../../licenses/license-reader';
import { RefusalReader } from '../refusal-reader';
import { refusalView, type RefusalView } from '../refusal.view';
import { ListRefusals } from './list-refusals.query';

@QueryHandler(ListRefusals)
export class ListRefusalsHandler implements IQueryHandler<ListRefusals> {
  constructor(
    private readonly licenses: LicenseReader,
    private readonly refusals: RefusalReader,
  ) {}

  async execute({ of }: ListRefusals): Promise<KeysetPage<RefusalView> | null> {
    if ((await this.licenses.get(of.licenseId)) === null) return null;
    const { cursor, limit = 50 } = of.page;
    const rows = await this.refusals.ofLicense(of.licenseId, cursor, limit + 1);
    const page = keysetPage(rows, limit, (row) => row.position.toString(10));
    return { ...page, items: page.items.map(refusalView) };
  }
}
