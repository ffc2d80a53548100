import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ReadMoment } from '../../consistency/read-moment';
import { LicenseReader } from '../license-reader';
import { licenseDetail } from '../license.view';
import { liveLicenses } from '../live-licenses';
import { GetLicense, type LicenseAnswer } from './get-license.query';

@QueryHandler(GetLicense)
export class GetLicenseHandler implements IQueryHandler<GetLicense> {
  constructor(
    private readonly reader: LicenseReader,
    private readonly moment: ReadMoment,
  ) {}

  async execute({ licenseId }: GetLicense): Promise<LicenseAnswer | null> {
    const moment = await this.moment.take();
    const row = await this.reader.get(licenseId);
    if (row === null) return null;
    const [live] = await liveLicenses(this.reader, [row], moment);
    return live === undefined
      ? null
      : { ...licenseDetail(live), at: moment.now, position: moment.position };
  }
}
