import { Inject, Injectable } from '@nestjs/common';
import * as E from 'fp-ts/Either';
import type { Decided } from '@lic/command-pipeline';
import type { Config } from '@lic/config';
import {
  floatingSeats,
  isRefusal,
  machineSeats,
  sessionSeats,
  type LicenseCommand,
  type LicenseEvent,
  type LicenseState,
  type RefusalKind,
} from '@lic/domain';
import type { Metrics } from '@lic/observability';
import { CONFIG, METRICS } from '../infrastructure/tokens';

const refusalKinds: Partial<Record<LicenseCommand['type'], RefusalKind>> = {
  ActivateMachine: 'activation',
  CheckoutLease: 'checkout',
  OpenSession: 'session',
  ValidateMachine: 'validation',
};

/** What one decision changes in the command API's metrics. */
export const recordDecision = (
  metrics: Metrics,
  command: LicenseCommand,
  decided: Decided<LicenseEvent, LicenseState>,
  seconds: number,
  /** METRICS_PER_LICENSE: off, no series is labelled with a license id. */
  perLicense = true,
): void => {
  const refusal = E.isRight(decided.outcome) ? decided.outcome.right.find(isRefusal) : undefined;
  const outcome = E.isLeft(decided.outcome)
    ? decided.outcome.left.suppressedRefusal
      ? 'refused'
      : 'rejected'
    : refusal
      ? 'refused'
      : 'ok';
  metrics.commandSeconds.observe({ command: command.type, outcome }, seconds);
  if (decided.attempts > 1) {
    metrics.conflictRetries.inc({ command: command.type }, decided.attempts - 1);
  }
  if (refusal)
    metrics.refusals.inc({
      kind: refusalKinds[command.type] ?? 'other',
      reason: refusal.data.reason,
    });
  const suppressed = E.isLeft(decided.outcome) ? decided.outcome.left.suppressedRefusal : undefined;
  if (suppressed) metrics.refusals.inc({ kind: suppressed.kind, reason: suppressed.reason });
  const state = decided.state;
  if (perLicense && state.kind === 'issued') {
    const license = state.licenseId;
    metrics.seatsInUse.set({ license, kind: 'machine' }, machineSeats(state).inUse);
    if (state.policy.floating) {
      metrics.seatsInUse.set(
        { license, kind: 'lease' },
        floatingSeats(state, decided.decidedAt).inUse,
      );
    }
    if (state.policy.sessions) {
      metrics.seatsInUse.set(
        { license, kind: 'session' },
        sessionSeats(state, decided.decidedAt).all.inUse,
      );
    }
  }
};

/** The command API's metrics of license decisions: latency by outcome, refusals, seats in use. */
@Injectable()
export class DecisionMetrics {
  constructor(
    @Inject(METRICS) private readonly metrics: Metrics,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  decided(command: LicenseCommand, decided: Decided<LicenseEvent, LicenseState>, seconds: number) {
    recordDecision(this.metrics, command, decided, seconds, this.config.METRICS_PER_LICENSE);
  }

  failed(command: LicenseCommand, seconds: number) {
    this.metrics.commandSeconds.observe({ command: command.type, outcome: 'error' }, seconds);
  }
}
