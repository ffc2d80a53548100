import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import * as E from 'fp-ts/Either';
import type { AggregateRepository } from '@lic/command-pipeline';
import {
  policyForIssue,
  withSeatCaps,
  type ProductCommand,
  type ProductEvent,
  type ProductState,
} from '@lic/domain';
import { hashLicenseKey, mintLicenseKey } from '@lic/signing';
import type { Random } from '../../infrastructure/random';
import { PRODUCT_REPOSITORY, RANDOM } from '../../infrastructure/tokens';
import { LicenseUseCase, eventOf, type Result } from '../license-use-case';
import { IssueLicenseCommand, type Issued } from './issue-license.command';

/** The variant's policy (with the license's own caps) is copied into the new license. */
@CommandHandler(IssueLicenseCommand)
export class IssueLicenseHandler implements ICommandHandler<IssueLicenseCommand> {
  constructor(
    private readonly licenses: LicenseUseCase,
    @Inject(PRODUCT_REPOSITORY)
    private readonly products: AggregateRepository<ProductCommand, ProductEvent, ProductState>,
    @Inject(RANDOM) private readonly random: Random,
  ) {}

  async execute({ input, context }: IssueLicenseCommand): Promise<Result<Issued>> {
    const product = await this.products.load(input.productId);
    const policy = policyForIssue(product.state, input.variantId);
    if (E.isLeft(policy)) return E.left({ ...policy.left, position: null });
    const licenseId = input.licenseId ?? this.random.id('lic');
    const licenseKey = mintLicenseKey(licenseId, this.random.bytes(32));
    const command = {
      type: 'IssueLicense' as const,
      licenseId,
      actor: context.actor,
      ...{ productId: input.productId, variantId: input.variantId },
      policy: withSeatCaps(policy.right, input.seats),
      ...{ keyHash: hashLicenseKey(licenseKey), licensee: input.licensee, trial: input.trial },
    };
    return this.licenses.run(command, context, ({ events }) => {
      const issued = eventOf(events, 'LicenseIssued.v1');
      if (!issued) throw new Error('an accepted IssueLicense issued nothing');
      return { licenseId, licenseKey, issued: issued.data };
    });
  }
}
