import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ReadMoment } from '../../consistency/read-moment';
import { keysetPage } from '../../http/keyset-page';
import { LicenseReader } from '../license-reader';
import { licenseSummary } from '../license.view';
import { liveLicenses } from '../live-licenses';
import { ListLicenses, type LicensesPage } from './list-licenses.query';

@QueryHandler(ListLicenses)
export class ListLicensesHandler implements IQueryHandler<ListLicenses> {
  constructor(
    private readonly reader: LicenseReader,
    private readonly moment: ReadMoment,
  ) {}

  async execute({ params }: ListLicenses): Promise<LicensesPage> {
    const { limit = 50, status, product_id, q, cursor } = params;
    const moment = await this.moment.take();
    const rows = await this.reader.list(
      {
        limit: limit + 1,
        ...(status === undefined ? {} : { status }),
        ...(product_id === undefined ? {} : { productId: product_id }),
        ...(q === undefined ? {} : { search: q }),
        ...(cursor === undefined ? {} : { cursor }),
      },
      moment.now,
    );
    const page = keysetPage(rows, limit, (row) => row.licenseId);
    const live = await liveLicenses(this.reader, page.items, moment);
    return { ...page, items: live.map(licenseSummary), position: moment.position };
  }
}
