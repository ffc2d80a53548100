import type { LicenseEvent } from '../license/license.events';
import type { Policy } from '../product/policy';

/**
 * An independent model of who holds a seat, for the property tests. It is written from
 * DOMAIN.md, not from the domain code: it folds the decided events into plain maps and counts
 * holders itself (never through occupancy.ts, evolve or the state), so a counting bug in the
 * domain shows as a disagreement. Instants are epoch milliseconds; a holder is live while
 * now < expiresAt (F5, S2, S3: free at its timeout instant).
 */
export interface ModelLease {
  readonly id: string;
  readonly fingerprint: string;
  readonly expiresAt: number;
  readonly via: 'checkout' | 'activation';
}

export interface ModelSession {
  readonly id: string;
  readonly username: string;
  readonly kind: 'interactive' | 'service';
  readonly expiresAt: number;
  /** S3: a service session's absolute end. */
  readonly hardExpiresAt: number | null;
}

/** F6: what an Idempotency-Key was bound to by the request that succeeded with it. */
export interface ModelKey {
  readonly operation: 'checkout' | 'checkin';
  readonly hash: string;
  readonly at: number;
  readonly leaseId: string;
}

/** How a holder ended: 'timeout' (expired) or anything else (checked in, logged out…). */
export interface ModelEnded {
  readonly how: 'timeout' | 'other';
  readonly at: number;
}

const ms = (iso: string): number => Date.parse(iso);

export class SeatModel {
  /** Leases taken and not yet recorded as ended; some may be past their deadline. */
  readonly leases = new Map<string, ModelLease>();
  readonly sessions = new Map<string, ModelSession>();
  /** M1: fingerprint → activation id, for machines bound and not deactivated. */
  readonly machines = new Map<string, string>();
  readonly endedLeases = new Map<string, ModelEnded>();
  readonly endedSessions = new Map<string, ModelEnded>();
  readonly keys = new Map<string, ModelKey>();
  /** U2: when a refusal of kind:reason:subject was last recorded as an event. */
  readonly refusalsRecorded = new Map<string, number>();
  suspended = false;
  reserved: readonly string[] = [];
  /** Every lease and session id ever granted, in order (steps refer to them by index). */
  readonly leaseIds: string[] = [];
  readonly sessionIds: string[] = [];
  readonly activationIds: string[] = [];

  constructor(readonly policy: Policy) {}

  liveLeases(now: number): ModelLease[] {
    return [...this.leases.values()].filter((l) => now < l.expiresAt);
  }

  liveSessions(now: number): ModelSession[] {
    return [...this.sessions.values()].filter((x) => now < x.expiresAt);
  }

  liveSessionsOf(username: string, now: number): number {
    return this.liveSessions(now).filter((x) => x.username === username).length;
  }

  /** S4: sessions in the shared pool — all but each reserved account's first one. */
  sharedSessions(now: number): number {
    const users = new Set(this.liveSessions(now).map((x) => x.username));
    let reservedFirsts = 0;
    for (const u of users) if (this.reserved.includes(u)) reservedFirsts++;
    return this.liveSessions(now).length - reservedFirsts;
  }

  /** Every instant at which a holder times out, in order (for steps that land on them). */
  deadlines(): number[] {
    const all = [
      ...[...this.leases.values()].map((l) => l.expiresAt),
      ...[...this.sessions.values()].map((x) => x.expiresAt),
    ];
    return [...new Set(all)].sort((a, b) => a - b);
  }

  apply(e: LicenseEvent): void {
    const at = ms(e.data.at);
    switch (e.type) {
      case 'LeaseCheckedOut.v2': {
        const d = e.data;
        this.leases.set(d.leaseId, {
          id: d.leaseId,
          fingerprint: d.fingerprint,
          expiresAt: ms(d.expiresAt),
          via: d.via,
        });
        this.leaseIds.push(d.leaseId);
        if (d.idempotencyKey !== null) {
          this.keys.set(d.idempotencyKey, {
            operation: 'checkout',
            hash: d.requestHash ?? '',
            at,
            leaseId: d.leaseId,
          });
        }
        return;
      }
      case 'LeaseHeartbeat.v1': {
        const lease = this.leases.get(e.data.leaseId);
        if (lease) this.leases.set(lease.id, { ...lease, expiresAt: ms(e.data.expiresAt) });
        return;
      }
      case 'LeaseCheckedIn.v1':
        if (e.data.idempotencyKey !== null) {
          this.keys.set(e.data.idempotencyKey, {
            operation: 'checkin',
            hash: e.data.requestHash ?? '',
            at,
            leaseId: e.data.leaseId,
          });
        }
        return this.endLease(e.data.leaseId, 'other', at);
      case 'LeaseExpired.v1':
        return this.endLease(e.data.leaseId, 'timeout', at);
      case 'LeaseReleased.v1':
        return this.endLease(e.data.leaseId, 'other', at);
      case 'SessionOpened.v1': {
        const d = e.data;
        this.sessions.set(d.sessionId, {
          id: d.sessionId,
          username: d.username,
          kind: d.kind,
          expiresAt: ms(d.expiresAt),
          hardExpiresAt: d.hardExpiresAt === null ? null : ms(d.hardExpiresAt),
        });
        this.sessionIds.push(d.sessionId);
        return;
      }
      case 'SessionActivityRecorded.v1': {
        const x = this.sessions.get(e.data.sessionId);
        if (x) this.sessions.set(x.id, { ...x, expiresAt: ms(e.data.expiresAt) });
        return;
      }
      case 'SessionClosed.v1': {
        const timedOut = e.data.reason === 'idle-timeout' || e.data.reason === 'max-lifetime';
        this.sessions.delete(e.data.sessionId);
        this.endedSessions.set(e.data.sessionId, { how: timedOut ? 'timeout' : 'other', at });
        return;
      }
      case 'MachineActivated.v2':
        if (e.data.slotTaken) {
          this.machines.set(e.data.fingerprint, e.data.activationId);
          this.activationIds.push(e.data.activationId);
        }
        return;
      case 'MachineDeactivated.v1':
        this.machines.delete(e.data.fingerprint);
        return;
      case 'CheckoutRefused.v1':
        this.refusalsRecorded.set(`checkout:${e.data.reason}:${e.data.fingerprint}`, at);
        return;
      case 'SessionRefused.v1':
        this.refusalsRecorded.set(`session:${e.data.reason}:${e.data.username}`, at);
        return;
      case 'LicenseSuspended.v1':
        this.suspended = true;
        return;
      case 'LicenseReinstated.v1':
        this.suspended = false;
        return;
      case 'ReservedAccountsSet.v1':
        this.reserved = [...e.data.usernames];
        return;
      default:
        return;
    }
  }

  private endLease(id: string, how: ModelEnded['how'], at: number): void {
    this.leases.delete(id);
    this.endedLeases.set(id, { how, at });
  }
}
