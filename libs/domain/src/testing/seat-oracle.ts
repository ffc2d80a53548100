import type { LicenseCommand } from '../license/license.commands';
import type { Norm } from './seat-normal';
import type { SeatModel } from './seat-model';
import { error, events, type Expected } from './seat-expectations';
import {
  activate,
  checkin,
  checkout,
  deactivate,
  heartbeat,
  release,
  revokeActivation,
} from './seat-oracle-leases';
import { activity, closeSession, openSession, suspend } from './seat-oracle-sessions';

export type { Expected } from './seat-expectations';

/** F5, S2, S3: the expiries a decision at `now` records first — every holder past its deadline. */
export const overdue = (m: SeatModel, now: number): Norm[] => [
  ...[...m.leases.values()]
    .filter((l) => l.expiresAt <= now)
    .map((l) => ({ type: 'LeaseExpired.v1', leaseId: l.id, expiredAt: l.expiresAt })),
  ...[...m.sessions.values()]
    .filter((x) => x.expiresAt <= now)
    .map((x) => ({
      type: 'SessionClosed.v1',
      sessionId: x.id,
      reason: x.expiresAt === x.hardExpiresAt ? 'max-lifetime' : 'idle-timeout',
      endedAt: x.expiresAt,
    })),
];

/** What the rules say a command must decide at `now`, from the model alone. */
export const predict = (m: SeatModel, c: LicenseCommand, now: number): Expected => {
  switch (c.type) {
    case 'CheckoutLease':
      return checkout(m, c, now);
    case 'HeartbeatLease':
      return heartbeat(m, c, now);
    case 'CheckinLease':
      return checkin(m, c, now);
    case 'ReleaseLease':
      return release(m, c, now);
    case 'ActivateMachine':
      return activate(m, c, now);
    case 'DeactivateMachine':
      return deactivate(m, c, now);
    case 'RevokeActivation':
      return revokeActivation(m, c);
    case 'OpenSession':
      return openSession(m, c, now);
    case 'RecordSessionActivity':
      return activity(m, c, now);
    case 'CloseSession':
      return closeSession(m, c.sessionId, 'logout', now);
    case 'EndSession':
      return closeSession(m, c.sessionId, 'admin', now);
    case 'SuspendLicense':
      return suspend(m, now);
    case 'ReinstateLicense':
      return m.suspended ? events({ type: 'LicenseReinstated.v1' }) : error('ALREADY_IN_STATE');
    case 'SettleOverdue':
      return events();
    default:
      throw new Error(`the seat model does not predict ${c.type}`);
  }
};
