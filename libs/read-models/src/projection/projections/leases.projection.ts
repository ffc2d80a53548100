import type { LeaseRow } from '../../schema/entities';
import type { LicenseProjected } from '../projected-event';
import type { Projection, RowChange } from '../row-change';
import { seatEndMoved, seatTaken } from './seat-steps';

const ended = (
  lease: LeaseRow,
  endedAt: string,
  reason: string,
  recordedAt: string,
): RowChange[] => [
  { table: 'leases', row: { ...lease, endedAt, endReason: reason, endRecordedAt: recordedAt } },
  ...seatEndMoved(lease.licenseId, 'lease', lease.checkedOutAt, lease.expiresAt, endedAt),
];

/**
 * Floating leases (F1-F7). A lease holds its seat until its deadline; a heartbeat moves the
 * deadline, a checkin or release frees the seat at once, an expiry at the deadline it reports.
 */
export const leasesProjection: Projection<LicenseProjected> = (p, view): RowChange[] => {
  const e = p.event;
  const licenseId = e.data.licenseId;
  switch (e.type) {
    case 'LeaseCheckedOut.v2': {
      const d = e.data;
      const row: LeaseRow = {
        id: p.recorded.position,
        licenseId,
        leaseId: d.leaseId,
        fingerprint: d.fingerprint,
        via: d.via,
        hostname: d.hostname,
        checkedOutAt: d.at,
        expiresAt: d.expiresAt,
        heartbeats: 0,
        lastHeartbeatAt: null,
        endedAt: null,
        endReason: null,
        endRecordedAt: null,
      };
      return [{ table: 'leases', row }, ...seatTaken(licenseId, 'lease', d.at, d.expiresAt)];
    }
    case 'LeaseHeartbeat.v1': {
      const lease = view.activeLease(licenseId, e.data.leaseId);
      if (!lease) return [];
      return [
        {
          table: 'leases',
          row: {
            ...lease,
            expiresAt: e.data.expiresAt,
            heartbeats: lease.heartbeats + 1,
            lastHeartbeatAt: e.data.at,
          },
        },
        ...seatEndMoved(licenseId, 'lease', lease.checkedOutAt, lease.expiresAt, e.data.expiresAt),
      ];
    }
    case 'LeaseCheckedIn.v1': {
      const lease = view.activeLease(licenseId, e.data.leaseId);
      const reason = e.data.via === 'checkin' ? 'checked-in' : 'deactivated';
      return lease ? ended(lease, e.data.at, reason, e.data.at) : [];
    }
    case 'LeaseExpired.v1': {
      const lease = view.activeLease(licenseId, e.data.leaseId);
      return lease ? ended(lease, e.data.expiredAt, 'expired', e.data.at) : [];
    }
    case 'LeaseReleased.v1': {
      const lease = view.activeLease(licenseId, e.data.leaseId);
      return lease ? ended(lease, e.data.endedAt, `released:${e.data.reason}`, e.data.at) : [];
    }
    default:
      return [];
  }
};
