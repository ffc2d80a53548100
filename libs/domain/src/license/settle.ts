import { toIso } from '../shared/time';
import type { EventMaker } from './event-factory';
import type { LicenseEvent } from './license.events';
import type { IssuedLicense, Session } from './license.state';
import { valuesOf } from './records';

const timeoutReason = (x: Session) =>
  x.hardExpiresAt !== null && x.expiresAt >= x.hardExpiresAt ? 'max-lifetime' : 'idle-timeout';

/**
 * Records every expiry already in effect at `now`, in deadline order: leases past their
 * heartbeat timeout (F5), sessions past their idle or absolute limit (S2, S3), and the license
 * itself past its end date (O7), which frees whatever was still live at that instant.
 * Seat decisions never depend on this having run (see occupancy.ts); it keeps the audit exact.
 */
export const overdue = (s: IssuedLicense, now: number, make: EventMaker): LicenseEvent[] => {
  const found: { deadline: number; event: LicenseEvent }[] = [];
  const licenseEnd =
    s.expiresAt !== null && s.expiresAt <= now && !s.expiryRecorded && s.standing !== 'revoked'
      ? s.expiresAt
      : null;
  if (licenseEnd !== null) {
    found.push({
      deadline: licenseEnd,
      event: make('LicenseExpired.v1', { expiredAt: toIso(licenseEnd) }),
    });
  }
  for (const lease of valuesOf(s.leases)) {
    if (lease.expiresAt <= now && (licenseEnd === null || lease.expiresAt <= licenseEnd)) {
      found.push({
        deadline: lease.expiresAt,
        event: make('LeaseExpired.v1', {
          leaseId: lease.leaseId,
          expiredAt: toIso(lease.expiresAt),
        }),
      });
    } else if (licenseEnd !== null) {
      found.push({
        deadline: licenseEnd,
        event: make('LeaseReleased.v1', {
          leaseId: lease.leaseId,
          reason: 'license-expired',
          endedAt: toIso(licenseEnd),
        }),
      });
    }
  }
  for (const x of valuesOf(s.sessions)) {
    if (x.expiresAt <= now && (licenseEnd === null || x.expiresAt <= licenseEnd)) {
      found.push({
        deadline: x.expiresAt,
        event: make('SessionClosed.v1', {
          sessionId: x.sessionId,
          reason: timeoutReason(x),
          endedAt: toIso(x.expiresAt),
        }),
      });
    } else if (licenseEnd !== null) {
      found.push({
        deadline: licenseEnd,
        event: make('SessionClosed.v1', {
          sessionId: x.sessionId,
          reason: 'license-expired',
          endedAt: toIso(licenseEnd),
        }),
      });
    }
  }
  return found.sort((a, b) => a.deadline - b.deadline).map((f) => f.event);
};

/** The next instant at which something in this license falls due (for the sweeper). */
export const nextDeadline = (s: IssuedLicense): number | null => {
  let next: number | null = null;
  const consider = (t: number) => {
    if (next === null || t < next) next = t;
  };
  for (const l of valuesOf(s.leases)) consider(l.expiresAt);
  for (const x of valuesOf(s.sessions)) consider(x.expiresAt);
  if (s.expiresAt !== null && !s.expiryRecorded && s.standing !== 'revoked') consider(s.expiresAt);
  return next;
};
