import { Command } from '@nestjs/cqrs';
import type { Decided } from '@lic/command-pipeline';
import type { LicenseCommand, LicenseEvent, LicenseState } from '@lic/domain';
import type { RequestContext } from './request-context';

/** Any License command: load the license, decide, append (see the handler). */
export class DecideLicense extends Command<Decided<LicenseEvent, LicenseState>> {
  constructor(
    readonly command: LicenseCommand,
    readonly context: RequestContext,
  ) {
    super();
  }
}
