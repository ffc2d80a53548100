import * as E from 'fp-ts/Either';
import { domainError, type DomainError } from '../shared/errors';
import { HOUR } from '../shared/time';
import type { IdempotencyRecord, IssuedLicense } from './license.state';
import { getIn } from './sharded';

export type KeyCheck =
  { readonly kind: 'fresh' } | { readonly kind: 'replay'; readonly record: IdempotencyRecord };

/**
 * F6: a key seen within the retention window with the same operation and request is a replay
 * (the caller returns the recorded outcome, nothing is appended); with anything else it is an
 * error. A key is bound only by a request that succeeded.
 */
export const checkKey = (
  s: IssuedLicense,
  now: number,
  operation: IdempotencyRecord['operation'],
  key: string,
  requestHash: string,
): E.Either<DomainError, KeyCheck> => {
  const record = getIn(s.idempotency, key);
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

/** The outcome bound to a key: what a checkout or checkin response is built from. */
export const idempotentOutcome = (s: IssuedLicense, key: string): IdempotencyRecord | null =>
  getIn(s.idempotency, key) ?? null;
