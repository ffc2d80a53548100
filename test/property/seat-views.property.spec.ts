import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import { fixedClock } from '@lic/clock';
import {
  LicenseStatusName,
  statusAt,
  statusOf,
  toIso,
  type IssuedLicense,
  type LicenseState,
} from '@lic/domain';
import { openSqliteEventStore, type EventStore, type SnapshotStore } from '@lic/event-store';
import { LicenseRow, SeatOccupancyRow, openReadDb, projectFromStore } from '@lic/read-models';
import { LicenseReader } from '../../apps/query-api/src/licenses/license-reader';
import { foldLicenseAt, seatsAt } from '../../apps/query-api/src/seats/as-of-seats';
import { liveSeats } from '../../apps/query-api/src/seats/live-seats';
import type { SeatsView } from '../../apps/query-api/src/seats/seats.view';
import { scratchReadDb, type ScratchDb } from '../read-side/support/read-dbs';
import { policyArb } from './support/arbitraries';
import * as pipeline from './support/pipeline';
import { stepArb } from './support/steps';

const T0 = pipeline.PROPERTY_T0;
const RUNS = Number(process.env['PROPERTY_RUNS'] ?? 40);
const STATUSES = Object.keys(LicenseStatusName.keys) as LicenseStatusName[];

/** What a view says about seats, with holders as sorted id lists (orders differ by source). */
const seatFacts = (v: SeatsView) => ({
  status: v.status,
  seats: v.seats,
  activations: v.holders.activations.map((a) => `${a.fingerprint}:${a.hostname}`).sort(),
  leases: v.holders.leases.map((l) => `${l.lease_id}:${l.expires_at}`).sort(),
  sessions: v.holders.sessions.map((s) => `${s.session_id}:${s.username}`).sort(),
});

const issued = (s: LicenseState): IssuedLicense => {
  if (s.kind !== 'issued') throw new Error('the license was not issued');
  return s;
};

/**
 * Issue 12: one home per rule. On random histories decided by the real deciders, the query
 * API's live view (read models), the projection's stored status and occupancy, the license
 * list's status filter (SQL) and the domain (statusAt, the seat counters, via the as-of fold)
 * all say the same thing about a license at the same instant.
 */
describe('property: the live view, the projection and the domain agree', () => {
  jest.setTimeout(600_000);
  let store: { eventStore: EventStore; snapshotStore: SnapshotStore };
  let scratch: ScratchDb;
  let db: DataSource;

  beforeAll(async () => {
    store = openSqliteEventStore({ file: ':memory:', clock: fixedClock(T0) });
    scratch = await scratchReadDb('sqlite');
    db = await openReadDb(scratch.url);
  });
  afterAll(async () => {
    await db.destroy();
    await scratch.drop();
    await store.eventStore.close();
  });

  it('S4, F4, M1, O7: status, seat counts, availability and seat kinds agree on random histories', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        policyArb,
        fc.array(stepArb, { minLength: 5, maxLength: 60 }),
        fc.integer({ min: 0, max: 3 * 86_400_000 }),
        async (policy, steps, lookAhead) => {
          run++;
          const clock = fixedClock(T0);
          const { products, licenses } = pipeline.pipelineOn(store, clock);
          const productId = `views-prod-${run}`;
          const licenseId = `views-lic-${run}`;
          await products.handle(
            productId,
            {
              type: 'CreateProduct',
              productId,
              actor: pipeline.propertyAdmin,
              name: 'P',
              withPresets: false,
            },
            pipeline.propertyMeta,
          );
          const issuedNow = await pipeline.issueGenerated(
            licenses,
            { licenseId, productId },
            policy,
            null,
          );
          const decided = await pipeline.runSteps(licenses, licenseId, issuedNow, steps, clock);
          await projectFromStore(store.eventStore, db, { batchSize: 7, clock });
          const state = issued(decided.state);
          const row = await db.getRepository(LicenseRow).findOneByOrFail({ licenseId });

          // the projection stores the status its events recorded, by the domain's precedence
          expect(row.status).toBe(
            statusOf({
              standing: state.standing,
              threat: state.threat,
              expired: state.expiryRecorded,
            }),
          );

          // the live view and the domain at the same instant (now, or a little later)
          const now = clock.now() + lookAhead;
          const reader = new LicenseReader(db);
          const holders = await reader.activeHolders([licenseId], toIso(now));
          const live = liveSeats(
            row,
            holders.get(licenseId) ?? {
              activations: [],
              leases: [],
              sessions: [],
            },
            toIso(now),
            null,
          );
          const folded = await foldLicenseAt(store.eventStore, licenseId, clock.now());
          if (folded === null) throw new Error('the fold found no license');
          const domain = seatsAt(folded, now);
          expect(live.status).toBe(statusAt(state, now));
          expect(seatFacts(live)).toEqual(seatFacts(domain));

          // the recorded occupancy counts the holders the events left active
          const occupancy = await db.getRepository(SeatOccupancyRow).findBy({ licenseId });
          const kinds = occupancy.map((o) => o.holderKind).sort();
          expect(kinds).toEqual(
            (['lease', 'machine', 'session'] as const).filter((k) => live.seats[k] !== null),
          );

          // the license list's status filter (SQL) finds the license under its live status only
          for (const status of STATUSES) {
            const listed = await reader.list({ status, search: licenseId, limit: 5 }, toIso(now));
            expect({ status, listed: listed.length }).toEqual({
              status,
              listed: status === live.status ? 1 : 0,
            });
          }
        },
      ),
      {
        numRuns: RUNS,
        seed: Number(process.env['PROPERTY_SEED'] ?? 20_261_130),
        endOnFailure: true,
      },
    );
    expect(run).toBeGreaterThanOrEqual(RUNS);
  });
});
