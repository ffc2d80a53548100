import { Test, type TestingModule } from '@nestjs/testing';
import { CqrsModule, QueryBus } from '@nestjs/cqrs';
import type { DataSource } from 'typeorm';
import { ApiError } from '@lic/app';
import { SystemClock, TestClock } from '@lic/clock';
import { LeaseRow, LicenseRow, openReadDb } from '@lic/read-models';
import type { AuthenticatedRequest } from '../../auth/auth.guard';
import { CheckpointWatcher } from '../../consistency/checkpoint-watcher';
import { ReadMoment } from '../../consistency/read-moment';
import { CLOCK } from '../../infrastructure/tokens';
import { LicenseReader } from '../../licenses/license-reader';
import { lease, license } from '../read-rows.fixture';
import { SeatsController } from '../seats.controller';
import { GetLiveSeatsHandler } from './get-live-seats.handler';
import { GetLiveSeats } from './get-live-seats.query';

const admin: Pick<AuthenticatedRequest, 'principal'> = {
  principal: { subject: 'alice', roles: ['admin'] },
};

/** The seats route over an in-memory SQLite read model, its read going through the QueryBus. */
describe('GET /query/v1/licenses/:id/seats through the QueryBus', () => {
  let db: DataSource;
  let module: TestingModule;

  beforeAll(async () => {
    db = await openReadDb({ kind: 'sqlite', file: ':memory:' });
    await db.getRepository(LicenseRow).save(license);
    await db.getRepository(LeaseRow).save([
      { ...lease('a', '2026-03-02T09:15:00.000Z'), id: 10n },
      { ...lease('b', '2026-03-02T09:30:00.000Z'), id: 11n },
    ]);
    module = await Test.createTestingModule({
      imports: [CqrsModule.forRoot()],
      controllers: [SeatsController],
      providers: [
        GetLiveSeatsHandler,
        ReadMoment,
        { provide: LicenseReader, useValue: new LicenseReader(db) },
        { provide: CheckpointWatcher, useValue: new CheckpointWatcher(db) },
        {
          provide: CLOCK,
          useValue: new TestClock(new SystemClock(), Date.parse('2026-03-02T09:20:00.000Z')),
        },
      ],
    }).compile();
    await module.init();
  });

  afterAll(async () => {
    await module.close();
    await db.destroy();
  });

  it('F5: the controller asks the QueryBus, and a lease past its deadline holds no seat though its end is not recorded', async () => {
    const bus = module.get(QueryBus);
    const execute = jest.spyOn(bus, 'execute');
    const seats = await module.get(SeatsController).seats('lic-1', {}, admin);
    expect(execute).toHaveBeenCalledWith(new GetLiveSeats('lic-1'));
    expect(seats.seats.lease).toEqual({ cap: 3, reserved: 0, in_use: 1, available: 2 });
    expect(seats.holders.leases.map((l) => l.lease_id)).toEqual(['b']);
    await expect(bus.execute(new GetLiveSeats('lic-1'))).resolves.toEqual(seats);
    execute.mockRestore();
  });

  it('an unknown license is a null answer on the bus, and 404 NOT_FOUND from the controller', async () => {
    await expect(module.get(QueryBus).execute(new GetLiveSeats('nobody'))).resolves.toBeNull();
    const answer = module.get(SeatsController).seats('nobody', {}, admin);
    await expect(answer).rejects.toBeInstanceOf(ApiError);
    await expect(answer).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
