import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import * as E from 'fp-ts/Either';
import type { Clock } from '@lic/clock';
import { offlineDays, toIso } from '@lic/domain';
import { verifyMachineToken, type KeyRing } from '@lic/signing';
import type { Random } from '../../infrastructure/random';
import { CLOCK, KEY_RING, RANDOM } from '../../infrastructure/tokens';
import {
  LicenseUseCase,
  type Decision,
  type LicenseFacts,
  type Refusal,
  type Result,
} from '../license-use-case';
import { grantIn } from './granted';
import { ValidateMachineCommand, type Validated } from './validate-machine.command';

/** O2: a refused license may still run on its cached token for its offline allowance. */
const withOfflineGrace = (refusal: Refusal, license: LicenseFacts | null): Refusal =>
  license === null
    ? refusal
    : {
        ...refusal,
        details: {
          status: license.status,
          offline_grace_days: offlineDays(license.offlineDays, license.status),
        },
      };

const refused = (code: string, message: string): Result<never> =>
  E.left({ code, message, position: null });

/** The token is checked first (signature, license, M4 fingerprint); then the license decides. */
@CommandHandler(ValidateMachineCommand)
export class ValidateMachineHandler implements ICommandHandler<ValidateMachineCommand> {
  constructor(
    private readonly licenses: LicenseUseCase,
    @Inject(KEY_RING) private readonly ring: KeyRing,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(RANDOM) private readonly random: Random,
  ) {}

  async execute({ input, context }: ValidateMachineCommand): Promise<Result<Validated>> {
    const verified = await verifyMachineToken(this.ring, input.token, this.clock.now());
    if (verified.kind === 'invalid') {
      return refused('INVALID_TOKEN', `the token is not valid (${verified.reason})`);
    }
    const { activationId, tokenId, issuedAt, expiresAt, ...claims } = verified.claims;
    if (claims.licenseId !== input.licenseId) {
      return refused('INVALID_TOKEN', 'the token belongs to another license');
    }
    if (claims.fingerprint !== input.fingerprint) {
      return refused('FINGERPRINT_MISMATCH', 'the token was issued to another machine (M4)');
    }
    const command = {
      type: 'ValidateMachine' as const,
      licenseId: input.licenseId,
      actor: context.actor,
      fingerprint: input.fingerprint,
      ...{
        activationId,
        tokenId,
        tokenIssuedAt: toIso(issuedAt),
        tokenExpiresAt: toIso(expiresAt),
      },
      newTokenId: this.random.id(),
    };
    const answer = ({ events, license }: Decision): Validated => {
      const granted = grantIn(events);
      if (granted) return { refreshed: true, license, ...granted };
      return {
        refreshed: false,
        license,
        status: license.status,
        activationId,
        tokenId,
        expiresAt,
      };
    };
    return this.licenses.run(command, context, answer, withOfflineGrace);
  }
}
