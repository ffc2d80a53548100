import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import * as E from 'fp-ts/Either';
import type { Clock } from '@lic/clock';
import type { Config } from '@lic/config';
import type { KeyRing } from '@lic/signing';
import { AccessTokenRegistry } from '../../auth/access-token-registry';
import { mintRecordedToken } from '../../auth/mint-recorded-token';
import type { Random } from '../../infrastructure/random';
import { CLOCK, CONFIG, KEY_RING, RANDOM } from '../../infrastructure/tokens';
import type { Result } from '../license-use-case';
import { metadataOf } from '../request-context';
import { MintAccessTokenCommand, type MintedToken } from './mint-access-token.command';

@CommandHandler(MintAccessTokenCommand)
export class MintAccessTokenHandler implements ICommandHandler<MintAccessTokenCommand> {
  constructor(
    /** Signs the token once its record is appended to the registry's stream. */
    @Inject(KEY_RING) private readonly ring: KeyRing,
    private readonly registry: AccessTokenRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CONFIG) private readonly config: Config,
    @Inject(RANDOM) private readonly random: Random,
  ) {}

  async execute({ input, context }: MintAccessTokenCommand): Promise<Result<MintedToken>> {
    const now = this.clock.now();
    const request = {
      ...input,
      tokenId: this.random.id('tok'),
      issuer: this.config.PUBLIC_URL,
      ttlHours: input.ttlHours ?? this.config.ADMIN_TOKEN_TTL_HOURS,
      actor: context.actor,
      now,
    };
    const minted = await mintRecordedToken(this.registry, this.ring, request, metadataOf(context));
    if (E.isLeft(minted)) return E.left({ ...minted.left, position: null });
    const { token, record, position } = minted.right;
    return E.right({ token, record, position, decidedAt: now });
  }
}
