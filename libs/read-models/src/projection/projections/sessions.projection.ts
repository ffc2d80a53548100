import type { SessionRow } from '../../schema/entities';
import type { LicenseProjected } from '../projected-event';
import type { Projection, RowChange } from '../row-change';
import { seatEndMoved, seatTaken } from './seat-steps';

/** Sessions (S1-S6): a slot held until logout, revocation, or the idle/absolute deadline. */
export const sessionsProjection: Projection<LicenseProjected> = (p, view): RowChange[] => {
  const e = p.event;
  const licenseId = e.data.licenseId;
  switch (e.type) {
    case 'SessionOpened.v1': {
      const d = e.data;
      const row: SessionRow = {
        id: p.recorded.position,
        licenseId,
        sessionId: d.sessionId,
        username: d.username,
        kind: d.kind,
        pool: d.pool,
        openedAt: d.at,
        lastActivityAt: d.at,
        activities: 0,
        expiresAt: d.expiresAt,
        hardExpiresAt: d.hardExpiresAt,
        endedAt: null,
        endReason: null,
        endRecordedAt: null,
      };
      return [{ table: 'sessions', row }, ...seatTaken(licenseId, 'session', d.at, d.expiresAt)];
    }
    case 'SessionActivityRecorded.v1': {
      const session = view.activeSession(licenseId, e.data.sessionId);
      if (!session) return [];
      return [
        {
          table: 'sessions',
          row: {
            ...session,
            expiresAt: e.data.expiresAt,
            lastActivityAt: e.data.at,
            activities: session.activities + 1,
          },
        },
        ...seatEndMoved(
          licenseId,
          'session',
          session.openedAt,
          session.expiresAt,
          e.data.expiresAt,
        ),
      ];
    }
    case 'SessionClosed.v1': {
      const session = view.activeSession(licenseId, e.data.sessionId);
      if (!session) return [];
      return [
        {
          table: 'sessions',
          row: {
            ...session,
            endedAt: e.data.endedAt,
            endReason: e.data.reason,
            endRecordedAt: e.data.at,
          },
        },
        ...seatEndMoved(licenseId, 'session', session.openedAt, session.expiresAt, e.data.endedAt),
      ];
    }
    default:
      return [];
  }
};
