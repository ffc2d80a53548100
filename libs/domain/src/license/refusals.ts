import * as E from 'fp-ts/Either';
import type { DomainError } from '../shared/errors';
import { DAY, SECOND } from '../shared/time';
import type { LicenseEvent, RefusalKind, RefusalReason } from './license.events';
import type { IssuedLicense } from './license.state';
import { getIn } from './sharded';

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

export const refusalKey = (kind: RefusalKind, reason: RefusalReason, subject: string): string =>
  `${kind}:${reason}:${subject}`;

/** Who a refusal is about; rate-limit refusals are about the key, whatever the machine. */
export const refusalSubject = (reason: RefusalReason, subject: string): string =>
  reason === 'RATE_LIMITED' ? '*' : subject;

/**
 * Refusals are events (U2), but a flood must not grow the stream without bound (O5). Within a
 * window (default 60 s), the same client refused for the same reason is recorded once, and at
 * most maxPerWindow refusals (default 600) are recorded per kind and reason; and at most
 * maxPerDay refusal events (default 10,000) are recorded per license in a day. A refusal past
 * any limit is refused without an event (suppressedRefusal says what to tally) and the
 * caller tallies it (TallyRefusals → RefusalsTallied.v1), so the counts by reason stay complete.
 */
export const recordRefusal = (
  s: IssuedLicense,
  now: number,
  kind: RefusalKind,
  reason: RefusalReason,
  subject: string,
  events: readonly LicenseEvent[],
): E.Either<DomainError, readonly LicenseEvent[]> => {
  const window = s.policy.refusalLog.windowSeconds * SECOND;
  const last = getIn(s.refusals.recent, refusalKey(kind, reason, refusalSubject(reason, subject)));
  const group = s.refusals.windows[`${kind}:${reason}`];
  const day = s.refusals.day;
  const repeated = last !== undefined && now - last < window;
  const overBudget =
    group !== undefined &&
    now - group.start < window &&
    group.count >= s.policy.refusalLog.maxPerWindow;
  const overDay = now - day.start < DAY && day.count >= s.policy.refusalLog.maxPerDay;
  if (repeated || overBudget || overDay) {
    return E.left({
      code: reason,
      message: messages[reason],
      suppressedRefusal: { kind, reason },
    });
  }
  return E.right(events);
};
