import { Command } from '@nestjs/cqrs';
import type { EventOf, SeatCapOverrides } from '@lic/domain';
import type { Result } from '../license-use-case';
import type { RequestContext } from '../request-context';

/** What issuing answers: the new license, its key (shown once) and what was recorded. */
export interface Issued {
  readonly licenseId: string;
  /** Never stored: only its SHA-256 enters the event. */
  readonly licenseKey: string;
  readonly issued: EventOf<'LicenseIssued.v1'>['data'];
}

export interface IssueLicenseInput {
  /** Null: a new id. */
  readonly licenseId: string | null;
  readonly productId: string;
  readonly variantId: string;
  readonly licensee: string | null;
  readonly trial: boolean;
  /** The license's own seat caps (absent: the variant's). */
  readonly seats: SeatCapOverrides;
}

/** Issue a license of a product's variant: the variant's policy is copied into the license. */
export class IssueLicenseCommand extends Command<Result<Issued>> {
  constructor(
    readonly input: IssueLicenseInput,
    readonly context: RequestContext,
  ) {
    super();
  }
}
