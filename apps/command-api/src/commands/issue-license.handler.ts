import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import * as E from 'fp-ts/Either';
import type { AggregateRepository } from '@lic/command-pipeline';
import {
  policyForIssue,
  withSeatCaps,
  type LicenseCommand,
  type LicenseEvent,
  type LicenseState,
  type ProductCommand,
  type ProductEvent,
  type ProductState,
} from '@lic/domain';
import { hashLicenseKey, mintLicenseKey } from '@lic/signing';
import type { Random } from '../infrastructure/random';
import { LICENSE_REPOSITORY, PRODUCT_REPOSITORY, RANDOM } from '../infrastructure/tokens';
import { IssueLicense, type IssueOutcome } from './issue-license.command';
import { metadataOf } from './request-context';

@CommandHandler(IssueLicense)
export class IssueLicenseHandler implements ICommandHandler<IssueLicense> {
  constructor(
    @Inject(PRODUCT_REPOSITORY)
    private readonly products: AggregateRepository<ProductCommand, ProductEvent, ProductState>,
    @Inject(LICENSE_REPOSITORY)
    private readonly licenses: AggregateRepository<LicenseCommand, LicenseEvent, LicenseState>,
    @Inject(RANDOM) private readonly random: Random,
  ) {}

  /** A variant that cannot be issued is a typed refusal (Left); nothing is appended then. */
  async execute({ request, context }: IssueLicense): Promise<IssueOutcome> {
    const product = await this.products.load(request.product_id);
    const policy = policyForIssue(product.state, request.variant_id);
    if (E.isLeft(policy)) return policy;
    const licenseId = request.license_id ?? this.random.id('lic');
    const licenseKey = mintLicenseKey(licenseId, this.random.bytes(32));
    const decided = await this.licenses.handle(
      licenseId,
      {
        type: 'IssueLicense',
        licenseId,
        actor: context.actor,
        productId: request.product_id,
        variantId: request.variant_id,
        policy: withSeatCaps(policy.right, {
          maxMachines: request.seats?.max_machines,
          maxFloatingUsers: request.seats?.max_floating_users,
          maxSessions: request.seats?.max_sessions,
        }),
        keyHash: hashLicenseKey(licenseKey),
        licensee: request.licensee ?? null,
        trial: request.trial ?? false,
      },
      metadataOf(context),
    );
    return E.right({ licenseId, licenseKey, decided });
  }
}
