import { performance } from 'node:perf_hooks';
import { Inject, Injectable } from '@nestjs/common';
import * as E from 'fp-ts/Either';
import type { AggregateRepository, Decided } from '@lic/command-pipeline';
import {
  idempotentOutcome,
  isRefusal,
  rateLimitResetsAt,
  refusalMessage,
  statusAt,
  type DomainError,
  type IdempotencyRecord,
  type LicenseCommand,
  type LicenseEvent,
  type LicenseState,
  type LicenseStatusName,
  type OfflineDays,
} from '@lic/domain';
import { LICENSE_REPOSITORY } from '../infrastructure/tokens';
import { DecisionMetrics } from './decision-metrics';
import { metadataOf, type RequestContext } from './request-context';

/** A typed refusal: why the command was not accepted. The error policy maps its code. */
export interface Refusal {
  readonly code: string;
  readonly message: string;
  readonly details?: Readonly<Record<string, unknown>>;
  /** RATE_LIMITED: seconds until an attempt may count again (Retry-After). */
  readonly retryAfterSeconds?: number;
  /** Where a refusal recorded as an event (U2) was appended; null when nothing was. */
  readonly position: bigint | null;
}

/** What every accepted answer carries besides its own fields. */
export interface Accepted {
  /** Global position of what the decision appended (X-Event-Position); null: nothing. */
  readonly position: bigint | null;
  /** The instant of the decision. */
  readonly decidedAt: number;
}

/** An operation's typed result: its answer, or a typed refusal. */
export type Result<A> = E.Either<Refusal, A & Accepted>;

/** What the license states after a decision, as the domain derives it. */
export interface LicenseFacts {
  readonly licenseId: string;
  /** The status at the instant of the decision (statusAt). */
  readonly status: LicenseStatusName;
  /** O2: the offline days the license's policy gives each status. */
  readonly offlineDays: OfflineDays;
}

/** What an accepted decision hands its handler's answer. */
export interface Decision {
  /** The events just decided (empty for a replay or a silent validation). */
  readonly events: readonly LicenseEvent[];
  readonly license: LicenseFacts;
  /** F6: the outcome the command's Idempotency-Key is bound to, if it has one. */
  readonly idempotency: IdempotencyRecord | null;
  readonly decidedAt: number;
}

/** The event of a type among those just decided. */
export const eventOf = <T extends LicenseEvent['type']>(
  events: readonly LicenseEvent[],
  type: T,
): Extract<LicenseEvent, { type: T }> | undefined =>
  events.find((e): e is Extract<LicenseEvent, { type: T }> => e.type === type);

/**
 * The mechanics every license operation shares: the repository loads, decides and appends
 * (a refusal left unrecorded is tallied there); this times it, counts it in the metrics and
 * turns the decision into the operation's typed result.
 */
@Injectable()
export class LicenseUseCase {
  constructor(
    @Inject(LICENSE_REPOSITORY)
    private readonly licenses: AggregateRepository<LicenseCommand, LicenseEvent, LicenseState>,
    private readonly metrics: DecisionMetrics,
  ) {}

  async run<A>(
    command: LicenseCommand,
    context: RequestContext,
    answer: (decision: Decision) => A,
    /** How a refusal reads with the license's facts (O2 adds the offline grace). */
    refused: (refusal: Refusal, license: LicenseFacts | null) => Refusal = (r) => r,
  ): Promise<Result<A>> {
    const decided = await this.decide(command, context);
    const { state, decidedAt, position } = decided;
    const license: LicenseFacts | null =
      state.kind === 'issued'
        ? {
            licenseId: state.licenseId,
            status: statusAt(state, decidedAt),
            offlineDays: state.policy.offlineDays,
          }
        : null;
    const refusal = refusalOf(decided);
    if (refusal) return E.left(refused(refusal, license));
    if (license === null || state.kind !== 'issued' || E.isLeft(decided.outcome)) {
      throw new Error(`${command.type} was accepted on a license that is not issued`);
    }
    const key = 'idempotencyKey' in command ? command.idempotencyKey : null;
    const idempotency = key === null ? null : idempotentOutcome(decided.recall, key);
    const events = decided.outcome.right;
    return E.right({ ...answer({ events, license, idempotency, decidedAt }), position, decidedAt });
  }

  private async decide(command: LicenseCommand, context: RequestContext) {
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    try {
      const decided = await this.licenses.handle(command.licenseId, command, metadataOf(context));
      this.metrics.decided(command, decided, seconds());
      return decided;
    } catch (error) {
      this.metrics.failed(command, seconds());
      throw error;
    }
  }
}

/** A domain error, or a refusal recorded as an event (U2), as a typed refusal. */
const refusalOf = (decided: Decided<LicenseEvent, LicenseState>): Refusal | null => {
  const { outcome, position } = decided;
  if (E.isLeft(outcome)) return fromError(outcome.left, decided);
  const recorded = outcome.right.find(isRefusal);
  if (!recorded) return null;
  const { reason, ...data } = recorded.data;
  return {
    code: reason,
    message: refusalMessage(reason),
    ...('seats' in data ? { details: { seats: data.seats } } : {}),
    ...retryAfter(reason, decided),
    position,
  };
};

const fromError = (error: DomainError, decided: Decided<LicenseEvent, LicenseState>): Refusal => ({
  code: error.code,
  message: error.message,
  ...(error.details ? { details: error.details } : {}),
  ...retryAfter(error.code, decided),
  position: decided.position,
});

/** O5: when a rate-limited activation may count again. */
const retryAfter = (code: string, { state, decidedAt }: Decided<LicenseEvent, LicenseState>) =>
  code === 'RATE_LIMITED' && state.kind === 'issued'
    ? {
        retryAfterSeconds: Math.max(
          1,
          Math.ceil((rateLimitResetsAt(state, decidedAt) - decidedAt) / 1000),
        ),
      }
    : {};
