import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import * as E from 'fp-ts/Either';
import type { Clock } from '@lic/clock';
import type { AccessTokenRecord } from '@lic/domain';
import type { AccessTokenRegistry } from '../../auth/access-token-registry';
import { ACCESS_TOKEN_REGISTRY, CLOCK } from '../../infrastructure/tokens';
import type { Result } from '../license-use-case';
import { metadataOf } from '../request-context';
import { RevokeAccessTokenCommand } from './revoke-access-token.command';

@CommandHandler(RevokeAccessTokenCommand)
export class RevokeAccessTokenHandler implements ICommandHandler<RevokeAccessTokenCommand> {
  constructor(
    @Inject(ACCESS_TOKEN_REGISTRY) private readonly registry: AccessTokenRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({
    tokenId,
    context,
  }: RevokeAccessTokenCommand): Promise<Result<{ record: AccessTokenRecord }>> {
    const decidedAt = this.clock.now();
    const { outcome, position } = await this.registry.revoke(
      tokenId,
      context.actor,
      metadataOf(context),
    );
    if (E.isLeft(outcome)) return E.left({ ...outcome.left, position });
    return E.right({ record: outcome.right, position, decidedAt });
  }
}
