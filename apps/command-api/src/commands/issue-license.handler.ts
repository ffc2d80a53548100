import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import * as E from 'fp-ts/Either';
import type { AggregateRepository } from '@lic/command-pipeline';
import {
  defaultFloating,
  defaultSessions,
  policyForIssue,
  type LicenseCommand,
  type LicenseEvent,
  type LicenseState,
  type Policy,
  type ProductCommand,
  type ProductEvent,
  type ProductState,
} from '@lic/domain';
import { hashLicenseKey, mintLicenseKey } from '@lic/signing';
import type { IssueLicenseBody } from '../admin/admin.requests';
import { ApiError } from '@lic/app';
import type { Random } from '../infrastructure/random';
import { LICENSE_REPOSITORY, PRODUCT_REPOSITORY, RANDOM } from '../infrastructure/tokens';
import { IssueLicense, type Issued } from './issue-license.command';
import { metadataOf } from './request-context';

/** Per-license seat overrides; a cap for an overlay the variant lacks adds that overlay. */
const withSeats = (policy: Policy, seats: IssueLicenseBody['seats']): Policy => ({
  ...policy,
  ...(seats?.max_machines !== undefined ? { maxMachines: seats.max_machines } : {}),
  ...(seats?.max_floating_users !== undefined
    ? {
        floating: {
          ...(policy.floating ?? defaultFloating),
          maxFloatingUsers: seats.max_floating_users,
        },
      }
    : {}),
  ...(seats?.max_sessions !== undefined
    ? { sessions: { ...(policy.sessions ?? defaultSessions), maxSessions: seats.max_sessions } }
    : {}),
});

@CommandHandler(IssueLicense)
export class IssueLicenseHandler implements ICommandHandler<IssueLicense> {
  constructor(
    @Inject(PRODUCT_REPOSITORY)
    private readonly products: AggregateRepository<ProductCommand, ProductEvent, ProductState>,
    @Inject(LICENSE_REPOSITORY)
    private readonly licenses: AggregateRepository<LicenseCommand, LicenseEvent, LicenseState>,
    @Inject(RANDOM) private readonly random: Random,
  ) {}

  async execute({ request, context }: IssueLicense): Promise<Issued> {
    const product = await this.products.load(request.product_id);
    const policy = policyForIssue(product.state, request.variant_id);
    if (E.isLeft(policy)) throw new ApiError(policy.left.code, policy.left.message);
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
        policy: withSeats(policy.right, request.seats),
        keyHash: hashLicenseKey(licenseKey),
        licensee: request.licensee ?? null,
        trial: request.trial ?? false,
      },
      metadataOf(context),
    );
    return { licenseId, licenseKey, decided };
  }
}
