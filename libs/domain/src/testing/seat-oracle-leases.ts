import type { RefusalReason } from '../license/license.events';
import { seats } from './seat-normal';
import type { SeatModel } from './seat-model';
import {
  MINUTE,
  error,
  events,
  keyCheck,
  leaseGone,
  refusal,
  type Command,
  type Expected,
} from './seat-expectations';

/** F1, F4, F6: a seat if fewer than the cap are live at this instant; a bound key replays. */
export const checkout = (m: SeatModel, c: Command<'CheckoutLease'>, now: number): Expected => {
  const floating = m.policy.floating;
  if (!floating) return error('FLOATING_NOT_ENABLED');
  const key = keyCheck(m, now, 'checkout', c.idempotencyKey, c.requestHash);
  if (key) return key;
  const live = m.liveLeases(now).length;
  const cap = floating.maxFloatingUsers;
  const refuse = (reason: RefusalReason) =>
    refusal(m, now, 'checkout', c.fingerprint, {
      type: 'CheckoutRefused.v1',
      fingerprint: c.fingerprint,
      reason,
      seats: seats(live, cap),
    });
  if (m.suspended) return refuse('LICENSE_SUSPENDED');
  if (live >= cap) return refuse('SEATS_EXHAUSTED');
  return events({
    type: 'LeaseCheckedOut.v2',
    leaseId: c.leaseId,
    fingerprint: c.fingerprint,
    expiresAt: now + floating.floatingTimeoutMinutes * MINUTE,
    seats: seats(live + 1, cap),
    via: 'checkout',
    key: c.idempotencyKey,
  });
};

/** F2, F5: a live lease is extended to one timeout from now; a stale one cannot be revived. */
export const heartbeat = (m: SeatModel, c: Command<'HeartbeatLease'>, now: number): Expected => {
  const floating = m.policy.floating;
  if (!floating) return error('FLOATING_NOT_ENABLED');
  const gone = leaseGone(m, c.leaseId, now);
  if (gone) return error(...gone);
  if (m.suspended) return error('LICENSE_SUSPENDED');
  return events({
    type: 'LeaseHeartbeat.v1',
    leaseId: c.leaseId,
    expiresAt: now + floating.floatingTimeoutMinutes * MINUTE,
    via: 'heartbeat',
  });
};

/** F3, F6: checkin frees a live lease at once; a bound key replays. */
export const checkin = (m: SeatModel, c: Command<'CheckinLease'>, now: number): Expected => {
  if (!m.policy.floating) return error('FLOATING_NOT_ENABLED');
  const key = keyCheck(m, now, 'checkin', c.idempotencyKey, c.requestHash);
  if (key) return key;
  const gone = leaseGone(m, c.leaseId, now);
  if (gone) return error(...gone);
  return events({
    type: 'LeaseCheckedIn.v1',
    leaseId: c.leaseId,
    via: 'checkin',
    key: c.idempotencyKey,
  });
};

export const release = (m: SeatModel, c: Command<'ReleaseLease'>, now: number): Expected => {
  const gone = leaseGone(m, c.leaseId, now);
  if (gone) return error(...gone);
  return events({ type: 'LeaseReleased.v1', leaseId: c.leaseId, reason: 'admin', endedAt: now });
};

/** M1, M2 (per machine); F4, F7 (a floating license's activation is a lease). */
export const activate = (m: SeatModel, c: Command<'ActivateMachine'>, now: number): Expected => {
  const max = m.policy.maxMachines;
  const refuse = (reason: RefusalReason, inUse: number, limit: number | null) =>
    events({
      type: 'ActivationRefused.v1',
      fingerprint: c.fingerprint,
      reason,
      seats: seats(inUse, limit),
    });
  if (m.suspended) return refuse('LICENSE_SUSPENDED', m.machines.size, max);
  const floating = m.policy.floating;
  if (m.policy.licenseType === 'floating' && floating) {
    const expiresAt = now + floating.floatingTimeoutMinutes * MINUTE;
    const live = m.liveLeases(now);
    const held = live.find((l) => l.fingerprint === c.fingerprint && l.via === 'activation');
    if (held)
      return events({ type: 'LeaseHeartbeat.v1', leaseId: held.id, expiresAt, via: 'activation' });
    const cap = floating.maxFloatingUsers;
    if (live.length >= cap) return refuse('SEATS_EXHAUSTED', live.length, cap);
    return events({
      type: 'LeaseCheckedOut.v2',
      leaseId: c.activationId,
      fingerprint: c.fingerprint,
      expiresAt,
      seats: seats(live.length + 1, cap),
      via: 'activation',
      key: null,
    });
  }
  const bound = m.machines.get(c.fingerprint);
  const activated = (activationId: string, slotTaken: boolean, inUse: number) =>
    events({
      type: 'MachineActivated.v2',
      activationId,
      fingerprint: c.fingerprint,
      slotTaken,
      seats: seats(inUse, max),
    });
  if (bound !== undefined) return activated(bound, false, m.machines.size);
  if (max !== null && m.machines.size >= max)
    return refuse('SEATS_EXHAUSTED', m.machines.size, max);
  return activated(c.activationId, true, m.machines.size + 1);
};

/** M3, F7: the machine's activation and every live lease it holds are released. */
export const deactivate = (
  m: SeatModel,
  c: Command<'DeactivateMachine'>,
  now: number,
): Expected => {
  const bound = m.machines.has(c.fingerprint);
  const leases = m.liveLeases(now).filter((l) => l.fingerprint === c.fingerprint);
  if (!bound && leases.length === 0) return error('ACTIVATION_NOT_FOUND');
  return events(
    ...(bound
      ? [{ type: 'MachineDeactivated.v1', fingerprint: c.fingerprint, reason: 'self' }]
      : []),
    ...leases.map((l) => ({
      type: 'LeaseCheckedIn.v1',
      leaseId: l.id,
      via: 'deactivation',
      key: null,
    })),
  );
};

export const revokeActivation = (m: SeatModel, c: Command<'RevokeActivation'>): Expected => {
  const fingerprint = [...m.machines].find(([, id]) => id === c.activationId)?.[0];
  if (fingerprint === undefined) return error('ACTIVATION_NOT_FOUND');
  return events({ type: 'MachineDeactivated.v1', fingerprint, reason: 'admin' });
};
