import type { RecordedEvent } from '@lic/event-store';
import type { LicenseEvent } from '@lic/domain';
import type { LicenseProjected } from '../projected-event';
import type { RowChange } from '../row-change';
import { WorkingSet } from '../working-set';
import { leasesProjection } from './leases.projection';

const at = (minute: number) =>
  new Date(Date.parse('2026-03-02T09:00:00.000Z') + minute * 60_000).toISOString();
const actor = { kind: 'license' as const, id: 'lic-1' };
let position = 0n;
const projected = (event: LicenseEvent): LicenseProjected => {
  position += 1n;
  const recorded: RecordedEvent = {
    id: `e${position}`,
    streamName: 'license-lic-1',
    revision: position,
    position,
    type: event.type,
    data: event.data,
    metadata: { correlationId: 'c', causationId: null, actor: 'license:lic-1' },
    recordedAt: at(0),
  };
  return { kind: 'license', recorded, event };
};
const base = (minute: number) => ({ licenseId: 'lic-1', at: at(minute), actor });
const steps = (changes: readonly RowChange[]) =>
  changes.flatMap((c) =>
    c.table === 'seat_steps' ? [[(c.step.at - Date.parse(at(0))) / 60_000, c.step.delta]] : [],
  );

describe('leases projection', () => {
  const ws = new WorkingSet();
  const apply = (event: LicenseEvent) => {
    const changes = leasesProjection(projected(event), ws);
    ws.apply(changes);
    return changes;
  };

  it('U1: a checkout holds a seat until its deadline; a heartbeat moves the deadline', () => {
    const out = apply({
      type: 'LeaseCheckedOut.v2',
      data: {
        ...base(0),
        leaseId: 'L1',
        fingerprint: 'fp',
        hostname: 'render-07',
        expiresAt: at(15),
        seats: { inUse: 1, limit: 2 },
        idempotencyKey: 'k',
        requestHash: 'a'.repeat(64),
        via: 'checkout',
        token: null,
      },
    });
    expect(steps(out)).toEqual([
      [0, 1],
      [15, -1],
    ]);
    const beat = apply({
      type: 'LeaseHeartbeat.v1',
      data: { ...base(10), leaseId: 'L1', expiresAt: at(25), via: 'heartbeat', token: null },
    });
    expect(steps(beat)).toEqual([
      [15, 1],
      [25, -1],
    ]);
    expect(ws.activeLease('lic-1', 'L1')).toMatchObject({
      heartbeats: 1,
      expiresAt: at(25),
      hostname: 'render-07',
    });
  });

  it('F5: an expiry recorded late frees the seat at the deadline it reports, not when recorded', () => {
    const out = apply({
      type: 'LeaseExpired.v1',
      data: { ...base(90), leaseId: 'L1', expiredAt: at(25) },
    });
    expect(steps(out)).toEqual([]);
    expect(ws.activeLease('lic-1', 'L1')).toBeUndefined();
    expect(ws.leases.changed()[0]).toMatchObject({
      endedAt: at(25),
      endReason: 'expired',
      endRecordedAt: at(90),
    });
  });

  it('U1: a checkin frees the seat at once, before its deadline; an unknown lease changes nothing', () => {
    apply({
      type: 'LeaseCheckedOut.v2',
      data: {
        ...base(100),
        leaseId: 'L2',
        fingerprint: 'fp2',
        hostname: null,
        expiresAt: at(115),
        seats: { inUse: 1, limit: 2 },
        idempotencyKey: null,
        requestHash: null,
        via: 'activation',
        token: null,
      },
    });
    const out = apply({
      type: 'LeaseCheckedIn.v1',
      data: {
        ...base(104),
        leaseId: 'L2',
        idempotencyKey: null,
        requestHash: null,
        via: 'deactivation',
      },
    });
    expect(steps(out)).toEqual([
      [115, 1],
      [104, -1],
    ]);
    expect(
      apply({
        type: 'LeaseHeartbeat.v1',
        data: { ...base(105), leaseId: 'L2', expiresAt: at(120), via: 'heartbeat', token: null },
      }),
    ).toEqual([]);
  });
});
