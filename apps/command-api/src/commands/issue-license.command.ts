import { Command } from '@nestjs/cqrs';
import type { Decided } from '@lic/command-pipeline';
import type { LicenseEvent, LicenseState } from '@lic/domain';
import type { IssueLicenseBody } from '../admin/admin.requests';
import type { RequestContext } from './request-context';

export interface Issued {
  readonly licenseId: string;
  /** Shown once, never stored: only its SHA-256 enters the event. */
  readonly licenseKey: string;
  readonly decided: Decided<LicenseEvent, LicenseState>;
}

/** Issue a license of a product's variant: the variant's policy is copied into the license. */
export class IssueLicense extends Command<Issued> {
  constructor(
    readonly request: IssueLicenseBody,
    readonly context: RequestContext,
  ) {
    super();
  }
}
