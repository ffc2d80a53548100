import { Command } from '@nestjs/cqrs';
import type * as E from 'fp-ts/Either';
import type { Decided } from '@lic/command-pipeline';
import type { DomainError, LicenseEvent, LicenseState } from '@lic/domain';
import type { IssueLicenseBody } from '../admin/admin.requests';
import type { RequestContext } from './request-context';

export interface Issued {
  readonly licenseId: string;
  /** Shown once, never stored: only its SHA-256 enters the event. */
  readonly licenseKey: string;
  readonly decided: Decided<LicenseEvent, LicenseState>;
}

/** Issued, or why the product's variant cannot be issued (PRODUCT_NOT_FOUND, …). */
export type IssueOutcome = E.Either<DomainError, Issued>;

/** Issue a license of a product's variant: the variant's policy is copied into the license. */
export class IssueLicense extends Command<IssueOutcome> {
  constructor(
    readonly request: IssueLicenseBody,
    readonly context: RequestContext,
  ) {
    super();
  }
}
