import { Inject, Injectable } from '@nestjs/common';
import * as E from 'fp-ts/Either';
import type { Random } from '../../infrastructure/random';
import { RANDOM } from '../../infrastructure/tokens';
import { LicenseHandler, LicenseOperation } from '../license-operation';
import { LicenseUseCase, type Decision, type Result } from '../license-use-case';

/** What a checkout or checkin answer states: its lease and the instant it was decided (F6). */
export interface KeyedOutcome {
  readonly leaseId: string;
  readonly leaseExpiresAt: number;
  /** When the key was first bound: what the answer is signed at, on a replay too. */
  readonly at: number;
}

/**
 * F6: a request whose Idempotency-Key is still being processed on this instance is refused
 * (IDEMPOTENCY_KEY_IN_USE, a 409, like Stripe's). Across instances the expected revision
 * serializes them and the later one is answered as a replay.
 */
@Injectable()
export class IdempotencyKeys {
  private readonly keys = new Set<string>();

  async run<A>(licenseId: string, key: string, work: () => Promise<Result<A>>): Promise<Result<A>> {
    const id = `${licenseId}\u0000${key}`;
    if (this.keys.has(id)) {
      return E.left({
        code: 'IDEMPOTENCY_KEY_IN_USE',
        message: 'a request with this Idempotency-Key is still in progress; retry it later',
        position: null,
      });
    }
    this.keys.add(id);
    try {
      return await work();
    } finally {
      this.keys.delete(id);
    }
  }
}

/** A command bound to an Idempotency-Key. */
export type KeyedOperation = LicenseOperation<
  { licenseId: string; idempotencyKey: string },
  KeyedOutcome
>;

/**
 * F6: a handler of a keyed command runs one request per key at a time, and answers with the
 * outcome the key is bound to — the first answer and every replay alike.
 */
@Injectable()
export abstract class KeyedHandler<C extends KeyedOperation> extends LicenseHandler<
  C,
  KeyedOutcome
> {
  constructor(
    licenses: LicenseUseCase,
    @Inject(RANDOM) random: Random,
    private readonly keys: IdempotencyKeys,
  ) {
    super(licenses, random);
  }

  override execute(operation: C): Promise<Result<KeyedOutcome>> {
    const { licenseId, idempotencyKey } = operation.input;
    return this.keys.run(licenseId, idempotencyKey, () => super.execute(operation));
  }

  protected answer({ idempotency }: Decision): KeyedOutcome {
    if (idempotency === null) throw new Error('an accepted keyed command left no record');
    const { leaseId, leaseExpiresAt, at } = idempotency;
    return { leaseId, leaseExpiresAt, at };
  }
}
