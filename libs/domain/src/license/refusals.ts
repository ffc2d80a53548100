import * as E from 'fp-ts/Either';
import { systemActor } from '../shared/actor';
import type { DomainError } from '../shared/errors';
import { DAY, SECOND, toIso } from '../shared/time';
import type { CommandOf } from './license.commands';
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
 * any limit is refused without an event (suppressedRefusal says what to tally); the pipeline
 * folds it into the license's pending tally (tallyRefusal) and records that as
 * RefusalsTallied.v1 (TallyRefusals), so the counts by reason stay complete.
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

/** The refusals of one license counted and not yet recorded: the command that records them. */
export type PendingTally = CommandOf<'TallyRefusals'>;

/**
 * U2: the license's pending tally with one more refused decision taken at `at`; the same
 * tally if the refusal was not one left unrecorded (O5). Counts are coalesced per kind and
 * reason, with the instants of the first and the last.
 */
export const tallyRefusal = (
  pending: PendingTally | null,
  licenseId: string,
  refusal: DomainError,
  at: number,
): PendingTally | null => {
  const counted = refusal.suppressedRefusal;
  if (counted === undefined) return pending;
  const instant = toIso(at);
  const tallies = pending?.tallies ?? [];
  const previous = tallies.find((x) => x.kind === counted.kind && x.reason === counted.reason);
  const entry = previous
    ? {
        ...previous,
        count: previous.count + 1,
        from: previous.from < instant ? previous.from : instant,
        to: previous.to > instant ? previous.to : instant,
      }
    : { ...counted, count: 1, from: instant, to: instant };
  return {
    type: 'TallyRefusals',
    licenseId,
    actor: pending?.actor ?? systemActor('refusal-tally'),
    tallies: previous ? tallies.map((x) => (x === previous ? entry : x)) : [...tallies, entry],
  };
};
