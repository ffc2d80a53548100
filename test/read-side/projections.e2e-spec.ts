import {
  AuditEntryRow,
  LeaseRow,
  RefusalCountRow,
  SeatOccupancyRow,
  SessionRow,
  UtilizationBucketRow,
  ActivationRow,
  LicenseRow,
} from '@lic/read-models';
import { commands, policies } from './support/license-world';
import { HOUR, MINUTE, T0, iso, openReadSide, type ReadSide } from './support/harness';
import { describeOnReadDbs } from './support/read-dbs';

describeOnReadDbs('projections', (kind) => {
  let rs: ReadSide;
  beforeAll(async () => {
    rs = await openReadSide(kind);
  });
  afterAll(async () => rs.close());

  it('A2: seat occupancy and the audit trail are built from the events', async () => {
    const { world } = rs;
    await world.product('prod-1');
    await world.issue('lic-m', policies.machines(2));
    await world.issue('lic-s', policies.sessions(3));
    await world.run('lic-m', commands.activate('ws-1'));
    await world.run('lic-m', commands.activate('ws-2'));
    await world.run('lic-m', commands.activate('ws-1', 2)); // M1: same machine, no new slot
    await world.run('lic-m', commands.activate('ws-3')); // M2: refused, recorded
    world.advance(5 * MINUTE);
    await world.run('lic-m', commands.deactivate('ws-2'));
    await world.run('lic-s', commands.reserve('boss'));
    await world.run('lic-s', commands.open('s1', 'boss'));
    await world.run('lic-s', commands.open('s2', 'ann'));
    await world.run('lic-s', commands.logout('s2'));
    await rs.project();

    const occupancy = await rs.db.getRepository(SeatOccupancyRow).find({
      where: [{ licenseId: 'lic-m' }, { licenseId: 'lic-s' }],
      order: { licenseId: 'ASC', holderKind: 'ASC' },
    });
    expect(occupancy).toEqual([
      { licenseId: 'lic-m', holderKind: 'machine', cap: 2, reserved: 0, inUse: 1, available: 1 },
      { licenseId: 'lic-s', holderKind: 'machine', cap: 10, reserved: 0, inUse: 0, available: 10 },
      { licenseId: 'lic-s', holderKind: 'session', cap: 3, reserved: 1, inUse: 1, available: 2 },
    ]);

    const activations = await rs.db.getRepository(ActivationRow).find({ order: { id: 'ASC' } });
    expect(activations.map((a) => [a.fingerprint, a.reactivations, a.endReason])).toEqual([
      ['ws-1', 1, null],
      ['ws-2', 0, 'self'],
    ]);
    const sessions = await rs.db.getRepository(SessionRow).find({ order: { id: 'ASC' } });
    expect(sessions.map((s) => [s.sessionId, s.pool, s.endReason])).toEqual([
      ['s1', 'reserved', null],
      ['s2', 'shared', 'logout'],
    ]);

    const audit = await rs.db.getRepository(AuditEntryRow).find({ order: { position: 'ASC' } });
    expect(audit.length).toBeGreaterThan(10);
    expect(audit.map((a) => a.position)).toEqual(
      [...audit.map((a) => a.position)].sort((a, b) => (a < b ? -1 : 1)),
    );
    const refused = audit.find((a) => a.type === 'ActivationRefused.v1');
    expect(refused).toMatchObject({
      stream: 'license-lic-m',
      licenseId: 'lic-m',
      actor: 'license:lic-m',
      occurredAt: iso(T0),
    });
    expect(refused?.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(refused?.payload ?? '{}')).toMatchObject({ reason: 'SEATS_EXHAUSTED' });
    const license = await rs.db.getRepository(LicenseRow).findOneByOrFail({ licenseId: 'lic-s' });
    expect(license).toMatchObject({ status: 'active', reservedAccounts: '["boss"]' });
  });

  it('U1: hourly peak and time-weighted average, freed at the deadlines, corrected afterwards', async () => {
    const { world, clock } = rs;
    const start = T0 + 24 * HOUR; // 3 March, 09:00
    world.advance(start - clock.now());
    await world.issue('lic-f', policies.floating(2, 15));
    await world.run('lic-f', commands.checkout('L1')); // 09:00, deadline 09:15
    world.advance(10 * MINUTE);
    await world.run('lic-f', commands.checkout('L2')); // 09:10, deadline 09:25
    world.advance(2 * MINUTE);
    await world.run('lic-f', commands.heartbeat('L1')); // 09:12, deadline 09:27
    world.advance(8 * MINUTE);
    await world.run('lic-f', commands.checkin('L2')); // 09:20
    world.advance(30 * MINUTE);
    await world.run('lic-f', commands.checkout('L3')); // 09:50, deadline 10:05
    await rs.project();

    const hour = (h: number) =>
      rs.db.getRepository(UtilizationBucketRow).findOneBy({
        licenseId: 'lic-f',
        holderKind: 'lease',
        bucketStart: iso(start + h * HOUR),
      });
    // 09:00-09:10 one seat, 09:10-09:20 two, 09:20-09:27 one (L1 abandoned: free at 09:27),
    // 09:50-10:00 one (L3).
    expect(await hour(0)).toMatchObject({
      levelAtStart: 0,
      peak: 2,
      seatMs: (10 + 2 * 10 + 7 + 10) * MINUTE,
      levelAtEnd: 1,
    });
    // L3 counts until its deadline, 10:05, as long as nothing else is known.
    expect(await hour(1)).toMatchObject({ levelAtStart: 1, peak: 1, seatMs: 5 * MINUTE });

    world.advance(12 * MINUTE);
    await world.run('lic-f', commands.heartbeat('L3')); // 10:02, deadline 10:17
    world.advance(MINUTE);
    await world.run('lic-f', commands.checkin('L3')); // 10:03
    await rs.project();

    expect(await hour(0)).toMatchObject({ peak: 2, seatMs: 47 * MINUTE });
    expect(await hour(1)).toMatchObject({
      levelAtStart: 1,
      peak: 1,
      seatMs: 3 * MINUTE,
      levelAtEnd: 0,
    });
    const l1 = await rs.db.getRepository(LeaseRow).findOneByOrFail({ leaseId: 'L1' });
    expect(l1).toMatchObject({
      endedAt: iso(start + 27 * MINUTE),
      endReason: 'expired',
      // Recorded by the next decision on the license (L3's checkout at 09:50), freed at 09:27.
      endRecordedAt: iso(start + 50 * MINUTE),
    });
  });

  it('U2: refusals are counted by reason, a tally by its count', async () => {
    const { world, clock } = rs;
    await world.run('lic-f', commands.checkout('L4'));
    await world.run('lic-f', commands.checkout('L5'));
    await world.run('lic-f', commands.checkout('L6', 'fp-other')); // refused: SEATS_EXHAUSTED
    const from = iso(clock.now());
    world.advance(MINUTE);
    await world.run(
      'lic-f',
      commands.tally('checkout', 'SEATS_EXHAUSTED', 5, from, iso(clock.now())),
      { kind: 'system', id: 'refusal-tally' },
    );
    await rs.project();
    const counts = await rs.db
      .getRepository(RefusalCountRow)
      .find({ where: { licenseId: 'lic-f' }, order: { bucketStart: 'ASC' } });
    expect(counts.map((c) => [c.kind, c.reason, c.count])).toEqual([
      ['checkout', 'SEATS_EXHAUSTED', 6],
    ]);
    const machineRefusals = await rs.db
      .getRepository(RefusalCountRow)
      .findBy({ licenseId: 'lic-m' });
    expect(machineRefusals.map((c) => [c.kind, c.reason, c.count])).toEqual([
      ['activation', 'SEATS_EXHAUSTED', 1],
    ]);
  });
});
