import * as E from 'fp-ts/Either';
import type { DomainError } from '../shared/errors';
import { SECOND } from '../shared/time';
import type { LicenseEvent, RefusalKind, RefusalReason } from './license.events';
import type { IssuedLicense } from './license.state';

const messages: Record<RefusalReason, string> = {
  SEATS_EXHAUSTED: 'every seat is in use',
  LICENSE_REVOKED: 'the license is revoked',
  LICENSE_SUSPENDED: 'the license is suspended',
  LICENSE_EXPIRED: 'the license has expired',
  RATE_LIMITED: 'too many activation attempts; try again later',
  ACTIVATION_NOT_FOUND: 'this machine holds no activation; activate it again',
  TOKEN_EXPIRED: 'the token has expired; activate again',
};
export const refusalMessage = (r: RefusalReason): string => messages[r];

/**
 * Refusals are events (U2), but a flood of identical refusals must not grow the stream without
 * bound (O5): the same kind and reason is recorded at most once per window. A repeat inside the
 * window is refused without an event (suppressedRefusal) and tallied by the caller
 * (TallyRefusals), so the counts by reason stay complete.
 */
export const recordRefusal = (
  s: IssuedLicense,
  now: number,
  kind: RefusalKind,
  reason: RefusalReason,
  events: readonly LicenseEvent[],
): E.Either<DomainError, readonly LicenseEvent[]> => {
  const last = s.lastRefusalAt[`${kind}:${reason}`];
  const window = s.policy.refusalRecordWindowSeconds * SECOND;
  if (last !== undefined && now - last < window) {
    return E.left({ code: reason, message: messages[reason], suppressedRefusal: true });
  }
  return E.right(events);
};
