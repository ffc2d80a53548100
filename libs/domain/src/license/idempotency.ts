import * as E from 'fp-ts/Either';
import type { Recall } from '../shared/decider';
import { domainError, type DomainError } from '../shared/errors';
import { HOUR } from '../shared/time';
import type { IdempotencyRecord, IssuedLicense } from './license.state';
import { recallKey } from './license.memory';

export type KeyCheck =
  { readonly kind: 'fresh' } | { readonly kind: 'replay'; readonly record: IdempotencyRecord };

/**
 * F6: a key seen within the retention window with the same operation and request is a replay
 * (the caller returns the recorded outcome, nothing is appended); with anything else it is an
 * error. A key is bound only by a request that succeeded. What a key is bound to is in the
 * license's memory (license.memory.ts), recalled by key.
 */
export const checkKey = (
  s: IssuedLicense,
  now: number,
  recall: Recall | undefined,
  operation: IdempotencyRecord['operation'],
  key: string,
  requestHash: string,
): E.Either<DomainError, KeyCheck> => {
  const record = recallKey(recall, key);
  if (!record || now - record.at >= s.policy.idempotencyRetentionHours * HOUR) {
    return E.right({ kind: 'fresh' });
  }
  if (record.operation !== operation || record.requestHash !== requestHash) {
    return E.left(
      domainError(
        'IDEMPOTENCY_KEY_REUSED',
        `Idempotency-Key was already used for a different ${record.operation} request`,
      ),
    );
  }
  return E.right({ kind: 'replay', record });
};

/**
 * The outcome bound to a key: what a checkout or checkin response is built from. `recall` is
 * the license's memory after the decision (the pipeline's Decided.recall).
 */
export const idempotentOutcome = (recall: Recall, key: string): IdempotencyRecord | null =>
  recallKey(recall, key) ?? null;
