import { Command } from '@nestjs/cqrs';
import type { AccessTokenRecord } from '@lic/domain';
import type { Result } from '../license-use-case';
import type { RequestContext } from '../request-context';

/** Revokes an access token (AdminTokenRevoked.v1); a revoked one is answered as it stands. */
export class RevokeAccessTokenCommand extends Command<Result<{ record: AccessTokenRecord }>> {
  constructor(
    readonly tokenId: string,
    readonly context: RequestContext,
  ) {
    super();
  }
}
