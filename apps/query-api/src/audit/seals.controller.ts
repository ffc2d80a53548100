import { Controller, Get, Inject, Query } from '@nestjs/common';
import * as t from 'io-ts';
import { SEAL_STREAM, linkOf, type Seal } from '@lic/audit-chain';
import type { EventStore } from '@lic/event-store';
import { Roles } from '../auth/roles.decorator';
import { ApiError } from '@lic/app';
import { decodeQuery } from '@lic/app';
import { PositionParam, limitParam } from '../http/query-codecs';
import { EVENT_STORE } from '../infrastructure/tokens';

export const SealsQuery = t.partial({ cursor: PositionParam, limit: limitParam(1000) });

export interface SealView {
  readonly seal_revision: string;
  readonly sealed_at: string;
  readonly up_to: string;
  readonly root: string;
  readonly heads: readonly { stream: string; revision: string; hash: string }[];
  readonly signature: string;
  /** The seal event's own chain link (seals form a chain of their own). */
  readonly prev: string | null;
  readonly hash: string | null;
}

/**
 * The signed seals, oldest first, straight from the event store: an auditor keeps copies
 * elsewhere, so that a later rewrite of anything before a seal shows.
 */
@Controller('query/v1/audit/seals')
@Roles('admin', 'auditor')
export class SealsController {
  constructor(@Inject(EVENT_STORE) private readonly eventStore: EventStore) {}

  @Get()
  async list(@Query() query: unknown): Promise<{ items: SealView[]; next_cursor: string | null }> {
    const { cursor, limit = 100 } = decodeQuery(SealsQuery, ['cursor', 'limit'], query);
    const items: SealView[] = [];
    try {
      for await (const e of this.eventStore.readStream(SEAL_STREAM, {
        fromRevision: cursor === undefined ? 0n : cursor + 1n,
        maxCount: limit + 1,
      })) {
        const seal = e.data as unknown as Seal;
        const link = linkOf(e);
        items.push({
          seal_revision: e.revision.toString(10),
          sealed_at: seal.sealedAt,
          up_to: seal.upTo,
          root: seal.root,
          heads: seal.heads,
          signature: seal.signature,
          prev: link.kind === 'chained' ? link.prev : null,
          hash: link.kind === 'chained' ? link.hash : null,
        });
      }
    } catch {
      throw new ApiError('EVENT_STORE_UNAVAILABLE', 'the event store could not be read; retry');
    }
    const page = items.slice(0, limit);
    return {
      items: page,
      next_cursor: items.length > limit ? (page[page.length - 1]?.seal_revision ?? null) : null,
    };
  }
}
