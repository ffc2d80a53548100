import { Inject, Injectable } from '@nestjs/common';
import { Command } from '@nestjs/cqrs';
import type { LicenseCommand } from '@lic/domain';
import type { Random } from '../infrastructure/random';
import { RANDOM } from '../infrastructure/tokens';
import {
  LicenseUseCase,
  type Decision,
  type LicenseFacts,
  type Refusal,
  type Result,
} from './license-use-case';
import type { RequestContext } from './request-context';

/** What every license operation names: the license. */
export interface OnLicense {
  readonly licenseId: string;
}

/**
 * A command on one license (the NestJS CQRS way: one class per operation, routed by the
 * CommandBus to its own handler): its decoded input and who asks. R is its typed answer.
 */
export abstract class LicenseOperation<I extends OnLicense, R> extends Command<Result<R>> {
  constructor(
    readonly input: I,
    readonly context: RequestContext,
  ) {
    super();
  }
}

/**
 * One operation's handler says only what it decides (the domain command) and what its answer
 * takes from the decision; LicenseUseCase loads, decides, appends and counts.
 */
@Injectable()
export abstract class LicenseHandler<C extends LicenseOperation<OnLicense, R>, R> {
  constructor(
    protected readonly licenses: LicenseUseCase,
    /** New ids (leases, activations, sessions) for the domain command. */
    @Inject(RANDOM) protected readonly random: Random,
  ) {}

  execute(operation: C): Promise<Result<R>> {
    return this.licenses.run(
      this.decide(operation),
      operation.context,
      (decision) => this.answer(decision, operation),
      (refusal, license) => this.refused(refusal, license),
    );
  }

  /** The domain command this operation decides. */
  protected abstract decide(operation: C): LicenseCommand;

  /** The answer, from the events just decided and the license's facts. */
  protected abstract answer(decision: Decision, operation: C): R;

  /** How a refusal reads (by default, as the domain gave it). */
  protected refused(refusal: Refusal, _license: LicenseFacts | null): Refusal {
    return refusal;
  }
}

/** The answer of an administrative action: the types of the events it recorded. */
export interface Recorded {
  readonly recorded: readonly string[];
}

/** An action on a license (an admin's, the sweeper's), answered with what it recorded. */
export abstract class ActionHandler<
  C extends LicenseOperation<OnLicense, Recorded>,
> extends LicenseHandler<C, Recorded> {
  protected answer({ events }: Decision): Recorded {
    return { recorded: events.map((e) => e.type) };
  }
}
