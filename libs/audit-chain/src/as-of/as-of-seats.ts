import {
  evolveLicense,
  floatingSeats,
  foldableLicenseEvent,
  fromIso,
  initialLicenseState,
  liveLeases,
  liveSessions,
  machineSeats,
  seatCapsOf,
  seatKinds,
  sessionSeats,
  statusAt,
  toIso,
  valuesIn,
  type IssuedLicense,
  type LicenseState,
} from '@lic/domain';
import { seatsSection, type SeatsView } from './seats.view';

/** A stored event of the license does not decode: its history cannot be shown as of a time. */
export class UnfoldableHistoryError extends Error {
  override readonly name = 'UnfoldableHistoryError';
  constructor(streamName: string, position: bigint, why: string) {
    super(`the history of ${streamName} cannot be folded at position ${position}: ${why}`);
  }
}

export interface FoldedLicense {
  readonly state: IssuedLicense;
  readonly position: bigint;
  /** Machine names by fingerprint, as the activations gave them (MachineActivated.v2). */
  readonly hostnames: ReadonlyMap<string, string>;
  /** Machine names by lease id, as the checkouts gave them (LeaseCheckedOut.v2). */
  readonly leaseHostnames: ReadonlyMap<string, string | null>;
}

/** A recorded event of a license stream, from a store or from an export. */
export interface FoldableEvent {
  readonly streamName: string;
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
  const leaseHostnames = new Map<string, string | null>();
  for await (const recorded of events) {
    // The one decode point for stored events (libs/domain stored-event.ts) and its policy.
    const read = foldableLicenseEvent(recorded.streamName, recorded.type, recorded.data);
    if (read.kind === 'skip') continue; // not a license event this code knows: the audit log has it
    if (read.kind === 'stop') {
      // A3: an as-of view is never folded over a gap in the history.
      throw new UnfoldableHistoryError(recorded.streamName, recorded.position, read.why);
    }
    const event = read.event;
    if (fromIso(event.data.at) > at) break;
    state = evolveLicense(state, event);
    // A name is kept until an activation gives another (as the activations read model does).
    if (event.type === 'MachineActivated.v2' && event.data.hostname !== null) {
      hostnames.set(event.data.fingerprint, event.data.hostname);
    }
    if (event.type === 'LeaseCheckedOut.v2') {
      leaseHostnames.set(event.data.leaseId, event.data.hostname);
    }
    position = recorded.position;
  }
  return state.kind === 'issued' && position !== null
    ? { state, position, hostnames, leaseHostnames }
    : null;
};

/** The seats at `at`, counted by the domain's own occupancy functions at that instant. */
export const seatsAt = (
  { state, position, hostnames, leaseHostnames }: FoldedLicense,
  at: number,
): SeatsView => {
  return {
    license_id: state.licenseId,
    at: toIso(at),
    source: 'event-store',
    position: position.toString(10),
    status: statusAt(state, at),
    seats: seatsSection({
      kinds: seatKinds(seatCapsOf(state.policy)),
      machine: machineSeats(state),
      lease: floatingSeats(state, at),
      session: sessionSeats(state, at),
      reserved: state.reserved.length,
    }),
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
          hostname: leaseHostnames.get(l.leaseId) ?? null,
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
