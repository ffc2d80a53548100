import { Inject, Injectable } from '@nestjs/common';
import * as E from 'fp-ts/Either';
import type { Decided } from '@lic/command-pipeline';
import type { Clock } from '@lic/clock';
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
import type { Gauge } from 'prom-client';
import { CLOCK, CONFIG, METRICS } from '../infrastructure/tokens';

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
  /**
   * Where the latest state of each license is kept for the seats gauge; none when
   * METRICS_PER_LICENSE is off (no series is labelled with a license id).
   */
  latest?: Map<string, IssuedState>,
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
  if (latest !== undefined && state.kind === 'issued') latest.set(state.licenseId, state);
};

type IssuedState = Extract<LicenseState, { kind: 'issued' }>;

/** Seats in use per license and holder kind, at `now`: what the seats gauge shows. */
export const setSeatsInUse = (
  gauge: Gauge<'license' | 'kind'>,
  latest: ReadonlyMap<string, IssuedState>,
  now: number,
): void => {
  gauge.reset();
  for (const [license, state] of latest) {
    gauge.set({ license, kind: 'machine' }, machineSeats(state).inUse);
    if (state.policy.floating) {
      gauge.set({ license, kind: 'lease' }, floatingSeats(state, now).inUse);
    }
    if (state.policy.sessions) {
      gauge.set({ license, kind: 'session' }, sessionSeats(state, now).all.inUse);
    }
  }
};

/**
 * The command API's metrics of license decisions: latency by outcome, refusals; seats in use
 * computed at each scrape from the latest state of each license.
 */
@Injectable()
export class DecisionMetrics {
  /** The latest state of each license decided here, when per-license series are on. */
  private readonly latest: Map<string, IssuedState> | undefined;

  constructor(
    @Inject(METRICS) private readonly metrics: Metrics,
    @Inject(CONFIG) config: Config,
    @Inject(CLOCK) clock: Clock,
  ) {
    if (!config.METRICS_PER_LICENSE) return;
    const latest = new Map<string, IssuedState>();
    this.latest = latest;
    metrics.collectSeatsWith((gauge) => setSeatsInUse(gauge, latest, clock.now()));
  }

  decided(command: LicenseCommand, decided: Decided<LicenseEvent, LicenseState>, seconds: number) {
    recordDecision(this.metrics, command, decided, seconds, this.latest);
  }

  failed(command: LicenseCommand, seconds: number) {
    this.metrics.commandSeconds.observe({ command: command.type, outcome: 'error' }, seconds);
  }
}
