import type { ActivationRow, LeaseRow, LicenseRow, SessionRow } from '@lic/read-models';
import { fromIso, isLive, seatKinds, sessionPool } from '@lic/domain';
import { liveStatus } from './live-status';
import { seatsSection, type SeatsView } from './seats.view';

export interface ActiveHolders {
  readonly activations: readonly ActivationRow[];
  readonly leases: readonly LeaseRow[];
  readonly sessions: readonly SessionRow[];
}

/** A license nobody holds a seat of. */
export const NO_HOLDERS: ActiveHolders = { activations: [], leases: [], sessions: [] };

/**
 * The live view of a license's seats from the read models, counted by the domain's own rules:
 * a lease or session counts while it is live (isLive: F5, S2, S3), the S4 pool by sessionPool,
 * the kinds by seatKinds and the status by the stored status with the deadline applied.
 */
export const liveSeats = (
  license: LicenseRow,
  active: ActiveHolders,
  nowIso: string,
  position: string | null,
): SeatsView => {
  const now = fromIso(nowIso);
  const live = (h: { endedAt: string | null; expiresAt: string }) =>
    h.endedAt === null && isLive({ expiresAt: fromIso(h.expiresAt) }, now);
  const leases = active.leases.filter(live);
  const sessions = active.sessions.filter(live);
  const activations = active.activations.filter((a) => a.deactivatedAt === null);
  const reserved = JSON.parse(license.reservedAccounts) as string[];
  return {
    license_id: license.licenseId,
    at: nowIso,
    source: 'read-model',
    position,
    status: liveStatus(license, nowIso),
    seats: seatsSection({
      kinds: seatKinds(license),
      machine: { limit: license.maxMachines, inUse: activations.length },
      lease: { limit: license.maxFloating, inUse: leases.length },
      session: sessionPool(
        sessions.map((s) => s.username),
        reserved,
        license.maxSessions ?? 0,
      ),
      reserved: reserved.length,
    }),
    holders: {
      activations: activations.map((a) => ({
        activation_id: a.activationId,
        fingerprint: a.fingerprint,
        hostname: a.hostname,
        since: a.activatedAt,
      })),
      leases: leases.map((l) => ({
        lease_id: l.leaseId,
        fingerprint: l.fingerprint,
        since: l.checkedOutAt,
        expires_at: l.expiresAt,
      })),
      sessions: sessions.map((s) => ({
        session_id: s.sessionId,
        username: s.username,
        kind: s.kind,
        since: s.openedAt,
        expires_at: s.expiresAt,
      })),
    },
  };
};
