import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import * as E from 'fp-ts/Either';
import type { AggregateRepository, Decided } from '@lic/command-pipeline';
import {
  idempotentOutcome,
  statusAt,
  type LicenseCommand,
  type LicenseEvent,
  type LicenseState,
  type RefusalKind,
} from '@lic/domain';
import type { Metrics } from '@lic/observability';
import type { Config } from '@lic/config';
import { CONFIG, LICENSE_REPOSITORY, METRICS } from '../infrastructure/tokens';
import { recordDecision } from './decision-metrics';
import { RefusalTallies } from '../sweeper/refusal-tallies';
import { DecideLicense, type LicenseDecision, type LicenseFacts } from './decide-license.command';
import { metadataOf } from './request-context';

const refusalKinds: Partial<Record<LicenseCommand['type'], RefusalKind>> = {
  ActivateMachine: 'activation',
  CheckoutLease: 'checkout',
  OpenSession: 'session',
  ValidateMachine: 'validation',
};

/** The facts an answer states, from the state the decision left (domain functions only). */
const factsOf = (
  command: LicenseCommand,
  decided: Decided<LicenseEvent, LicenseState>,
): LicenseFacts | null => {
  const state = decided.state;
  if (state.kind !== 'issued') return null;
  const key = 'idempotencyKey' in command ? command.idempotencyKey : null;
  return {
    licenseId: state.licenseId,
    status: statusAt(state, decided.decidedAt),
    offlineDays: state.policy.offlineDays,
    idempotency: key === null ? null : idempotentOutcome(decided.recall, key),
  };
};

/**
 * Thin: the repository loads, decides and appends. A refusal the domain did not record one by
 * one says what to tally; it goes to the license's tallies (appended within a second).
 */
@CommandHandler(DecideLicense)
export class DecideLicenseHandler implements ICommandHandler<DecideLicense> {
  constructor(
    @Inject(LICENSE_REPOSITORY)
    private readonly licenses: AggregateRepository<LicenseCommand, LicenseEvent, LicenseState>,
    private readonly tallies: RefusalTallies,
    @Inject(METRICS) private readonly metrics: Metrics,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  async execute({ command, context }: DecideLicense): Promise<LicenseDecision> {
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
    recordDecision(
      this.metrics,
      command,
      decided,
      (performance.now() - started) / 1000,
      kind,
      this.config.METRICS_PER_LICENSE,
    );
    const suppressed = E.isLeft(decided.outcome)
      ? decided.outcome.left.suppressedRefusal
      : undefined;
    if (suppressed) this.tallies.add(command.licenseId, suppressed, decided.decidedAt);
    return { ...decided, license: factsOf(command, decided) };
  }
}
