import { Readable } from 'node:stream';
import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import * as t from 'io-ts';
import { exportStore } from '@lic/command-pipeline';
import type { Clock } from '@lic/clock';
import { Id } from '@lic/domain';
import type { EventStore } from '@lic/event-store';
import type { KeyRing } from '@lic/signing';
import { Roles } from '../auth/roles.decorator';
import { decodeQuery } from '@lic/app';
import { InstantParam } from '../http/query-codecs';
import { CLOCK, EVENT_STORE, KEY_RING } from '../infrastructure/tokens';

export const ChainExportQuery = t.partial({ license_id: Id, from: InstantParam, to: InstantParam });

/**
 * The export of `npm run audit:export`, streamed: every seal, the events selected with their
 * hash-chain links, and a manifest signed with the server key. `npm run audit:verify-export`
 * (or the SDK) checks it offline.
 */
@Controller('query/v1/audit/chain-export')
@Roles('admin', 'auditor')
export class ChainExportController {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(KEY_RING) private readonly ring: KeyRing,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  async export(@Query() query: unknown, @Res() reply: FastifyReply): Promise<void> {
    const { license_id, from, to } = decodeQuery(
      ChainExportQuery,
      ['license_id', 'from', 'to'],
      query,
    );
    const filter = {
      ...(license_id === undefined ? {} : { license: license_id }),
      ...(from === undefined ? {} : { from }),
      ...(to === undefined ? {} : { to }),
    };
    const exportedAt = new Date(this.clock.now()).toISOString();
    const lines = exportStore(
      this.eventStore,
      filter,
      exportedAt,
      () => this.ring.current,
      this.ring.jwks(),
    );
    await reply
      .header('content-type', 'application/x-ndjson')
      .header('content-disposition', 'attachment; filename="audit-chain.ndjson"')
      .header('cache-control', 'no-store')
      .send(Readable.from(lines));
  }
}
