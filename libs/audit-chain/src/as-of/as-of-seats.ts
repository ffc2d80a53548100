import * as E from 'fp-ts/Either';
import {
  LicenseEvent,
  evolveLicense,
  floatingSeats,
  fromIso,
  initialLicenseState,
  liveLeases,
  liveSessions,
  machineSeats,
  sessionSeats,
  statusAt,
  toIso,
  valuesIn,
  type IssuedLicense,
  type LicenseState,
} from '@lic/domain';
import { seatCount, type SeatsView } from './seats.view';

export interface FoldedLicense {
  readonly state: IssuedLicense;
  readonly position: bigint;
  /** Machine names by fingerprint, as the activations gave them (MachineActivated.v2). */
  readonly hostnames: ReadonlyMap<string, string>;
}

/** A recorded event of a license stream, from a store or from an export. */
export interface FoldableEvent {
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly position: bigint;
}

/**
 * A3: a license as it stood at `at`: its stream's events folded with the domain's evolve,
 * event by event, up to the first decided after `at`. Null if it was not issued yet. The query
 * API folds the live store with it; the offline verifier folds an export.
 */
export const foldLicenseEventsAt = async (
  events: AsyncIterable<FoldableEvent> | Iterable<FoldableEvent>,
  at: number,
): Promise<FoldedLicense | null> => {
  let state: LicenseState = initialLicenseState;
  let position: bigint | null = null;
  const hostnames = new Map<string, string>();
  for await (const recorded of events) {
    const decoded = LicenseEvent.decode({ type: recorded.type, data: recorded.data });
    if (E.isLeft(decoded)) continue; // not a license event this code knows: the audit log has it
    if (fromIso(decoded.right.data.at) > at) break;
    state = evolveLicense(state, decoded.right);
    if (decoded.right.type === 'MachineActivated.v2') {
      hostnames.set(decoded.right.data.fingerprint, decoded.right.data.hostname);
    }
    position = recorded.position;
  }
  return state.kind === 'issued' && position !== null ? { state, position, hostnames } : null;
};

/** The seats at `at`, counted by the domain's own occupancy functions at that instant. */
export const seatsAt = ({ state, position, hostnames }: FoldedLicense, at: number): SeatsView => {
  const policy = state.policy;
  const machines = machineSeats(state);
  const floating = floatingSeats(state, at);
  const sessions = sessionSeats(state, at);
  return {
    license_id: state.licenseId,
    at: toIso(at),
    source: 'event-store',
    position: position.toString(10),
    status: statusAt(state, at),
    seats: {
      machine: policy.licenseType === 'floating' ? null : seatCount(machines.limit, machines.inUse),
      lease: policy.floating === null ? null : seatCount(floating.limit, floating.inUse),
      session:
        policy.sessions === null
          ? null
          : {
              ...seatCount(sessions.all.limit, sessions.all.inUse, state.reserved.length),
              shared: { cap: sessions.shared.limit ?? 0, in_use: sessions.shared.inUse },
            },
    },
    holders: {
      activations: valuesIn(state.activations)
        .sort((a, b) => a.activatedAt - b.activatedAt)
        .map((a) => ({
          activation_id: a.activationId,
          fingerprint: a.fingerprint,
          hostname: hostnames.get(a.fingerprint) ?? null,
          since: toIso(a.activatedAt),
        })),
      leases: liveLeases(state, at)
        .sort((a, b) => a.checkedOutAt - b.checkedOutAt)
        .map((l) => ({
          lease_id: l.leaseId,
          fingerprint: l.fingerprint,
          since: toIso(l.checkedOutAt),
          expires_at: toIso(l.expiresAt),
        })),
      sessions: liveSessions(state, at)
        .sort((a, b) => a.openedAt - b.openedAt)
        .map((s) => ({
          session_id: s.sessionId,
          username: s.username,
          kind: s.kind,
          since: toIso(s.openedAt),
          expires_at: toIso(s.expiresAt),
        })),
    },
  };
};
