import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ReadMoment } from '../../consistency/read-moment';
import type { KeysetPage } from '../../http/keyset-page';
import { LicenseReader } from '../../licenses/license-reader';
import { HolderReader } from '../holder-reader';
import { activationView, leaseView, sessionView } from '../holder.views';
import {
  ListHolders,
  type HolderKindName,
  type HoldersPage,
  type HoldersOf,
} from './list-holders.query';

const views = <Row, View>(page: KeysetPage<Row>, view: (row: Row) => View): KeysetPage<View> => ({
  ...page,
  items: page.items.map(view),
});

/**
 * Each kind's read and view. Leases (F5) and sessions (S2, S3) are active until their deadline,
 * lapsed past it, ended once that is recorded; activations (M1, M3) until deactivated.
 */
const READS: {
  readonly [K in HolderKindName]: (
    reader: HolderReader,
    of: HoldersOf<K>,
    now: string,
  ) => Promise<HoldersPage<K>>;
} = {
  leases: async (reader, of, now) =>
    views(await reader.leases(of.licenseId, of.filter, now), (l) => leaseView(l, now)),
  sessions: async (reader, of, now) =>
    views(await reader.sessions(of.licenseId, of.filter, now), (s) => sessionView(s, now)),
  activations: async (reader, of) =>
    views(await reader.activations(of.licenseId, of.filter), activationView),
};

@QueryHandler(ListHolders)
export class ListHoldersHandler implements IQueryHandler<ListHolders<HolderKindName>> {
  constructor(
    private readonly holders: HolderReader,
    private readonly licenses: LicenseReader,
    private readonly moment: ReadMoment,
  ) {}

  async execute<K extends HolderKindName>({ of }: ListHolders<K>): Promise<HoldersPage<K> | null> {
    if ((await this.licenses.get(of.licenseId)) === null) return null;
    const read: (typeof READS)[K] = READS[of.kind];
    return read(this.holders, of, this.moment.now());
  }
}
