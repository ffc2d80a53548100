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
  lease_id: l.leaseId,
  fingerprint: l.fingerprint,
  via: l.via,
  state: stateOf(l.endedAt, l.expiresAt, nowIso),
  checked_out_at: l.checkedOutAt,
  expires_at: l.expiresAt,
  heartbeats: l.heartbeats,
  last_heartbeat_at: l.lastHeartbeatAt,
  ended_at: l.endedAt,
  end_reason: l.endReason,
  end_recorded_at: l.endRecordedAt,
});

export const sessionView = (s: SessionRow, nowIso: string) => ({
  id: s.id.toString(10),
  session_id: s.sessionId,
  username: s.username,
  kind: s.kind,
  pool: s.pool,
  state: stateOf(s.endedAt, s.expiresAt, nowIso),
  opened_at: s.openedAt,
  last_activity_at: s.lastActivityAt,
  activities: s.activities,
  expires_at: s.expiresAt,
  hard_expires_at: s.hardExpiresAt,
  ended_at: s.endedAt,
  end_reason: s.endReason,
  end_recorded_at: s.endRecordedAt,
});

export const activationView = (a: ActivationRow) => ({
  id: a.id.toString(10),
  activation_id: a.activationId,
  fingerprint: a.fingerprint,
  hostname: a.hostname,
  country: a.country,
  state: a.deactivatedAt === null ? ('active' as const) : ('ended' as const),
  activated_at: a.activatedAt,
  reactivations: a.reactivations,
  token_id: a.tokenId,
  token_expires_at: a.tokenExpiresAt,
  deactivated_at: a.deactivatedAt,
  end_reason: a.endReason,
});

export type LeaseView = ReturnType<typeof leaseView>;
export type SessionView = ReturnType<typeof sessionView>;
export type ActivationView = ReturnType<typeof activationView>;
