import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { SEAL_STREAM } from '@lic/audit-chain';
import type { EventStore } from '@lic/event-store';
import { keysetPage, type KeysetPage } from '../../http/keyset-page';
import { EVENT_STORE } from '../../infrastructure/tokens';
import { sealView, type SealView } from '../seal.view';
import { ListSeals } from './list-seals.query';

@QueryHandler(ListSeals)
export class ListSealsHandler implements IQueryHandler<ListSeals> {
  constructor(@Inject(EVENT_STORE) private readonly eventStore: EventStore) {}

  async execute({ params }: ListSeals): Promise<KeysetPage<SealView>> {
    const { cursor, limit = 100 } = params;
    const seals: SealView[] = [];
    for await (const e of this.eventStore.readStream(SEAL_STREAM, {
      fromRevision: cursor === undefined ? 0n : cursor + 1n,
      maxCount: limit + 1,
    })) {
      seals.push(sealView(e));
    }
    return keysetPage(seals, limit, (seal) => seal.seal_revision);
  }
}
