import * as E from 'fp-ts/Either';
import { systemActor } from '../shared/actor';
import type { DecisionContext, Recall } from '../shared/decider';
import { domainError, type DomainError } from '../shared/errors';
import { eventsFor, type EventMaker } from './event-factory';
import { checkin, checkout, heartbeat, releaseLease } from './floating';
import type { LicenseCommand } from './license.commands';
import type { LicenseEvent } from './license.events';
import { evolveLicense } from './license.evolve';
import { recallAfter } from './license.memory';
import type { IssuedLicense, LicenseState } from './license.state';
import {
  clearThreat,
  issue,
  raiseThreat,
  reinstate,
  renew,
  revoke,
  setReserved,
  suspend,
  tally,
} from './lifecycle';
import { activate, deactivate, revokeActivation, validate } from './machines';
import { closeSession, openSession, recordActivity } from './sessions';
import { overdue } from './settle';

type Decision = E.Either<DomainError, readonly LicenseEvent[]>;

/**
 * Decides a License command. A decision that records anything first records the expiries
 * already in effect (settle.ts), so the stream reads in the order things happened; a decision
 * that records nothing (an idempotent replay, a validation that keeps its token) stays silent.
 */
export const decideLicense = (
  command: LicenseCommand,
  state: LicenseState,
  { now, recall }: DecisionContext,
): Decision => {
  if (command.type === 'IssueLicense') {
    return state.kind === 'unissued'
      ? issue(command, now)
      : E.left(domainError('LICENSE_EXISTS', 'a license with this id already exists'));
  }
  if (state.kind !== 'issued') return E.left(domainError('LICENSE_NOT_FOUND', 'no such license'));

  const due = overdue(state, now, eventsFor(state.licenseId, now, systemActor('expiry')));
  const settled = due.reduce(evolveLicense, state) as IssuedLicense;
  const make = eventsFor(state.licenseId, now, command.actor);
  if (command.type === 'SettleOverdue') return E.right(due);
  return E.map((events: readonly LicenseEvent[]) => (events.length > 0 ? [...due, ...events] : []))(
    decideIssued(command, settled, now, make, recallAfter(recall, due)),
  );
};

const decideIssued = (
  c: Exclude<LicenseCommand, { type: 'IssueLicense' | 'SettleOverdue' }>,
  s: IssuedLicense,
  now: number,
  make: EventMaker,
  recall: Recall | undefined,
): Decision => {
  switch (c.type) {
    case 'SuspendLicense':
      return suspend(s, c, now, make);
    case 'ReinstateLicense':
      return reinstate(s, c, make);
    case 'RevokeLicense':
      return revoke(s, c, now, make);
    case 'RenewLicense':
      return renew(s, c, now, make);
    case 'RaiseThreatLevel':
      return raiseThreat(s, c, make);
    case 'ClearThreatLevel':
      return clearThreat(s, c, make);
    case 'SetReservedAccounts':
      return setReserved(s, c, make);
    case 'ActivateMachine':
      return activate(s, c, now, make);
    case 'DeactivateMachine':
      return deactivate(s, c, now, make);
    case 'RevokeActivation':
      return revokeActivation(s, c, make);
    case 'ValidateMachine':
      return validate(s, c, now, make);
    case 'CheckoutLease':
      return checkout(s, c, now, make, recall);
    case 'HeartbeatLease':
      return heartbeat(s, c, now, make, recall);
    case 'CheckinLease':
      return checkin(s, c, now, make, recall);
    case 'ReleaseLease':
      return releaseLease(s, c, now, make, recall);
    case 'OpenSession':
      return openSession(s, c, now, make);
    case 'RecordSessionActivity':
      return recordActivity(s, c, now, make, recall);
    case 'CloseSession':
      return closeSession(s, c.sessionId, 'logout', now, make, recall);
    case 'EndSession':
      return closeSession(s, c.sessionId, 'admin', now, make, recall);
    case 'TallyRefusals':
      return tally(c, make);
  }
};
