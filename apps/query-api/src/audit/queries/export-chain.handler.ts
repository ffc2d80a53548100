import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { exportStore } from '@lic/command-pipeline';
import type { Clock } from '@lic/clock';
import type { EventStore } from '@lic/event-store';
import type { KeyRing } from '@lic/signing';
import { CLOCK, EVENT_STORE, KEY_RING } from '../../infrastructure/tokens';
import { ExportChain } from './export-chain.query';

@QueryHandler(ExportChain)
export class ExportChainHandler implements IQueryHandler<ExportChain> {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(KEY_RING) private readonly ring: KeyRing,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ filter }: ExportChain): Promise<AsyncIterable<string>> {
    const exportedAt = new Date(this.clock.now()).toISOString();
    return Promise.resolve(
      exportStore(this.eventStore, filter, exportedAt, () => this.ring.current, this.ring.jwks()),
    );
  }
}
