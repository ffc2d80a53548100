import { Controller, Get, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import { decodeQuery } from '@lic/app';
import { Roles } from '../auth/roles.decorator';
import { sendNdjson } from '../csv/csv';
import { ChainExportParams, chainExportParamNames } from './audit.query-params';
import { ExportChain } from './queries';

/**
 * The export of `npm run audit:export`, streamed: every seal, the events selected with their
 * hash-chain links, and a manifest signed with the server key. `npm run audit:verify-export`
 * (or the SDK) checks it offline.
 */
@Controller('query/v1/audit/chain-export')
@Roles('admin', 'auditor')
export class ChainExportController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  async export(@Query() query: unknown, @Res() reply: FastifyReply): Promise<void> {
    const { license_id, from, to } = decodeQuery(ChainExportParams, chainExportParamNames, query);
    const lines = await this.queries.execute(
      new ExportChain({
        ...(license_id === undefined ? {} : { license: license_id }),
        ...(from === undefined ? {} : { from }),
        ...(to === undefined ? {} : { to }),
      }),
    );
    return sendNdjson(reply, 'audit-chain', lines);
  }
}
