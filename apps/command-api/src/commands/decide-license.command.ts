import { Command } from '@nestjs/cqrs';
import type { Decided } from '@lic/command-pipeline';
import type {
  IdempotencyRecord,
  LicenseCommand,
  LicenseEvent,
  LicenseState,
  LicenseStatusName,
  OfflineDays,
} from '@lic/domain';
import type { RequestContext } from './request-context';

/** What an answer may state about the license after a decision, as the domain derives it. */
export interface LicenseFacts {
  readonly licenseId: string;
  /** The status at the instant of the decision (statusAt). */
  readonly status: LicenseStatusName;
  /** O2: the offline days the license's policy gives each status. */
  readonly offlineDays: OfflineDays;
  /** F6: the outcome bound to the command's Idempotency-Key, if it has one. */
  readonly idempotency: IdempotencyRecord | null;
}

/** The decision (events or refusal, position, instant) and the facts an answer needs. */
export type LicenseDecision = Decided<LicenseEvent, LicenseState> & {
  /** Null while the license is not issued. */
  readonly license: LicenseFacts | null;
};

/** Any License command: load the license, decide, append (see the handler). */
export class DecideLicense extends Command<LicenseDecision> {
  constructor(
    readonly command: LicenseCommand,
    readonly context: RequestContext,
  ) {
    super();
  }
}
