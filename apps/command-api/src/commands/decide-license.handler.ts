import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import * as E from 'fp-ts/Either';
import type { AggregateRepository, Decided } from '@lic/command-pipeline';
import type { Clock } from '@lic/clock';
import type {
  LicenseCommand,
  LicenseEvent,
  LicenseState,
  RefusalKind,
  RefusalReason,
} from '@lic/domain';
import type { Metrics } from '@lic/observability';
import { CLOCK, LICENSE_REPOSITORY, METRICS } from '../infrastructure/tokens';
import { recordDecision } from './decision-metrics';
import { RefusalTally } from '../sweeper/refusal-tally';
import { DecideLicense } from './decide-license.command';
import { metadataOf } from './request-context';

const refusalKinds: Partial<Record<LicenseCommand['type'], RefusalKind>> = {
  ActivateMachine: 'activation',
  CheckoutLease: 'checkout',
  OpenSession: 'session',
  ValidateMachine: 'validation',
};

/** Thin: the repository loads, decides and appends; a refusal left unrecorded is tallied. */
@CommandHandler(DecideLicense)
export class DecideLicenseHandler implements ICommandHandler<DecideLicense> {
  constructor(
    @Inject(LICENSE_REPOSITORY)
    private readonly licenses: AggregateRepository<LicenseCommand, LicenseEvent, LicenseState>,
    private readonly tally: RefusalTally,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(METRICS) private readonly metrics: Metrics,
  ) {}

  async execute({ command, context }: DecideLicense): Promise<Decided<LicenseEvent, LicenseState>> {
    const started = performance.now();
    const kind = refusalKinds[command.type];
    let decided: Decided<LicenseEvent, LicenseState>;
    try {
      decided = await this.licenses.handle(command.licenseId, command, metadataOf(context));
    } catch (error) {
      this.metrics.commandSeconds.observe(
        { command: command.type, outcome: 'error' },
        (performance.now() - started) / 1000,
      );
      throw error;
    }
    recordDecision(this.metrics, command, decided, (performance.now() - started) / 1000, kind);
    if (kind && E.isLeft(decided.outcome) && decided.outcome.left.suppressedRefusal) {
      this.tally.add(
        command.licenseId,
        kind,
        decided.outcome.left.code as RefusalReason,
        this.clock.now(),
      );
    }
    return decided;
  }
}
