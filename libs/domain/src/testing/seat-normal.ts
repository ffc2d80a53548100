import type { LicenseEvent } from '../license/license.events';

/**
 * Decided events in a normal form for the property tests: the fields a rule speaks about,
 * instants as milliseconds, seat figures as "inUse/limit".
 */
export type Norm = Readonly<Record<string, string | number | boolean | null>>;

const ms = (iso: string): number => Date.parse(iso);
export const seats = (inUse: number, limit: number | null): string => `${inUse}/${limit ?? '∞'}`;

/** The normal form of a decided event. */
export const normalize = (e: LicenseEvent): Norm => {
  switch (e.type) {
    case 'LeaseCheckedOut.v2': {
      const d = e.data;
      return {
        type: e.type,
        leaseId: d.leaseId,
        fingerprint: d.fingerprint,
        expiresAt: ms(d.expiresAt),
        seats: seats(d.seats.inUse, d.seats.limit),
        via: d.via,
        key: d.idempotencyKey,
      };
    }
    case 'CheckoutRefused.v1':
    case 'ActivationRefused.v1': {
      const d = e.data;
      return {
        type: e.type,
        fingerprint: d.fingerprint,
        reason: d.reason,
        seats: seats(d.seats.inUse, d.seats.limit),
      };
    }
    case 'LeaseHeartbeat.v1':
      return {
        type: e.type,
        leaseId: e.data.leaseId,
        expiresAt: ms(e.data.expiresAt),
        via: e.data.via,
      };
    case 'LeaseCheckedIn.v1':
      return { type: e.type, leaseId: e.data.leaseId, via: e.data.via, key: e.data.idempotencyKey };
    case 'LeaseExpired.v1':
      return { type: e.type, leaseId: e.data.leaseId, expiredAt: ms(e.data.expiredAt) };
    case 'LeaseReleased.v1':
      return {
        type: e.type,
        leaseId: e.data.leaseId,
        reason: e.data.reason,
        endedAt: ms(e.data.endedAt),
      };
    case 'MachineActivated.v2': {
      const d = e.data;
      return {
        type: e.type,
        activationId: d.activationId,
        fingerprint: d.fingerprint,
        slotTaken: d.slotTaken,
        seats: seats(d.seats.inUse, d.seats.limit),
      };
    }
    case 'MachineDeactivated.v1':
      return { type: e.type, fingerprint: e.data.fingerprint, reason: e.data.reason };
    case 'SessionOpened.v1': {
      const d = e.data;
      return {
        type: e.type,
        sessionId: d.sessionId,
        username: d.username,
        kind: d.kind,
        pool: d.pool,
        expiresAt: ms(d.expiresAt),
        hardExpiresAt: d.hardExpiresAt === null ? null : ms(d.hardExpiresAt),
        seats: seats(d.seats.inUse, d.seats.limit),
        shared: seats(d.shared.inUse, d.shared.limit),
      };
    }
    case 'SessionRefused.v1': {
      const d = e.data;
      return {
        type: e.type,
        username: d.username,
        kind: d.kind,
        reason: d.reason,
        seats: seats(d.seats.inUse, d.seats.limit),
        shared: seats(d.shared.inUse, d.shared.limit),
      };
    }
    case 'SessionActivityRecorded.v1':
      return {
        type: e.type,
        sessionId: e.data.sessionId,
        expiresAt: ms(e.data.expiresAt),
        onBehalfOf: e.data.onBehalfOf,
      };
    case 'SessionClosed.v1':
      return {
        type: e.type,
        sessionId: e.data.sessionId,
        reason: e.data.reason,
        endedAt: ms(e.data.endedAt),
      };
    default:
      return { type: e.type };
  }
};
