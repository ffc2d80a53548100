import type { ActivationRow, LeaseRow, SessionRow } from '@lic/read-models';

/**
 * active: holds a seat now; lapsed: past its deadline, so free, with the expiry not recorded
 * yet (F5); ended: its end is recorded.
 */
export type HolderState = 'active' | 'lapsed' | 'ended';

const stateOf = (endedAt: string | null, expiresAt: string, nowIso: string): HolderState =>
  endedAt !== null ? 'ended' : nowIso < expiresAt ? 'active' : 'lapsed';

export const leaseView = (l: LeaseRow, nowIso: string) => ({
  id: l.id.toString(10),
  leaseId: l.leaseId,
  fingerprint: l.fingerprint,
  via: l.via,
  state: stateOf(l.endedAt, l.expiresAt, nowIso),
  checkedOutAt: l.checkedOutAt,
  expiresAt: l.expiresAt,
  heartbeats: l.heartbeats,
  lastHeartbeatAt: l.lastHeartbeatAt,
  endedAt: l.endedAt,
  endReason: l.endReason,
  endRecordedAt: l.endRecordedAt,
});

export const sessionView = (s: SessionRow, nowIso: string) => ({
  id: s.id.toString(10),
  sessionId: s.sessionId,
  username: s.username,
  kind: s.kind,
  pool: s.pool,
  state: stateOf(s.endedAt, s.expiresAt, nowIso),
  openedAt: s.openedAt,
  lastActivityAt: s.lastActivityAt,
  activities: s.activities,
  expiresAt: s.expiresAt,
  hardExpiresAt: s.hardExpiresAt,
  endedAt: s.endedAt,
  endReason: s.endReason,
  endRecordedAt: s.endRecordedAt,
});

export const activationView = (a: ActivationRow) => ({
  id: a.id.toString(10),
  activationId: a.activationId,
  fingerprint: a.fingerprint,
  country: a.country,
  state: a.deactivatedAt === null ? ('active' as const) : ('ended' as const),
  activatedAt: a.activatedAt,
  reactivations: a.reactivations,
  tokenId: a.tokenId,
  tokenExpiresAt: a.tokenExpiresAt,
  deactivatedAt: a.deactivatedAt,
  endReason: a.endReason,
});
