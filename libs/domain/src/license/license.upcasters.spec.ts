import * as E from 'fp-ts/Either';
import * as fc from 'fast-check';
import * as t from 'io-ts';
import { decodeStoredEvent, foldableLicenseEvent, foldableOf } from '../stored-event';
import { upcast, upcaster, upcasters, type StoredShape } from '../shared/upcasting';
import { T0, event } from '../testing/fixtures';
import { runScenario } from '../testing/seat-run';
import { scenarios } from '../testing/seat-steps';
import { LicenseEvent, MachineActivated } from './license.events';
import { licenseUpcasters } from './license.upcasters';

const STREAM = 'license-lic-1';
/** What the store gives back: the data as JSON. */
const stored = (type: string, data: unknown) =>
  decodeStoredEvent(STREAM, type, JSON.parse(JSON.stringify(data)) as unknown);

const token = {
  tokenId: 'tok-1',
  issuedAt: '2026-03-02T09:00:00.000Z',
  expiresAt: '2026-04-01T09:00:00.000Z',
  status: 'active',
};
const activated = event('MachineActivated.v2', T0, {
  activationId: 'act-1',
  fingerprint: 'ws-1',
  slotTaken: true,
  seats: { inUse: 1, limit: 2 },
  country: null,
  token: { ...token, status: 'active' },
  hostname: null,
});

/**
 * The event as the release before LeaseCheckedOut.v2 wrote it for the same decision: the
 * types that have a v2 now were written as v1, without a machine name (it could carry none).
 */
const asTheReleaseWroteIt = (e: LicenseEvent): StoredShape => {
  if (e.type !== 'MachineActivated.v2' && e.type !== 'LeaseCheckedOut.v2') return e;
  const { hostname: _none, ...data } = e.data;
  return { type: e.type.replace('.v2', '.v1'), data };
};

describe('upcasting stored license events', () => {
  it('A3: a MachineActivated.v1 the release wrote reads as the current MachineActivated.v2, naming no machine', () => {
    const { data } = asTheReleaseWroteIt(activated);
    expect(stored('MachineActivated.v1', data)).toEqual({ kind: 'license', event: activated });
  });

  it('A3: a MachineActivated.v2 with a name, as stored before v1 was upcast to it, reads as stored', () => {
    const named = { ...activated, data: { ...activated.data, hostname: 'ws-anna' } };
    expect(stored(named.type, named.data)).toEqual({ kind: 'license', event: named });
  });

  it('A3: a v1 event that does not decode is undecodable, named by its own type: a fold stops there', () => {
    const { data } = asTheReleaseWroteIt(activated);
    const broken = { ...(data as object), slotTaken: 'yes' };
    const read = stored('MachineActivated.v1', broken);
    expect(read.kind).toBe('undecodable');
    expect(read.kind === 'undecodable' && read.why).toMatch(
      /^MachineActivated\.v1 does not decode/,
    );
    expect(foldableLicenseEvent(STREAM, 'MachineActivated.v1', broken).kind).toBe('stop');
    expect(stored('MachineActivated.v7', {})).toMatchObject({ kind: 'foreign' });
  });

  it('A3: upcasters compose in order (v1 → v2 → v3); one per type, and a cycle is refused', () => {
    const v = (n: number) => t.type({ type: t.literal(`E.v${n}`), data: t.type({}) }, `E.v${n}`);
    const step = (n: number, field: string) =>
      upcaster(v(n), (old) => ({
        type: `E.v${n + 1}`,
        data: { ...old.data, [field]: `added by v${n + 1}` },
      }));
    const steps = upcasters(step(2, 'b'), step(1, 'a'));
    expect(upcast(steps, { type: 'E.v1', data: {} })).toEqual(
      E.right({ type: 'E.v3', data: { a: 'added by v2', b: 'added by v3' } }),
    );
    expect(upcast(steps, { type: 'E.v3', data: { x: 1 } })).toEqual(
      E.right({ type: 'E.v3', data: { x: 1 } }),
    );
    expect(() => upcasters(step(1, 'a'), step(1, 'b'))).toThrow('two upcasters read E.v1');
    const loop = upcasters(upcaster(v(1), () => ({ type: 'E.v1', data: {} })));
    expect(upcast(loop, { type: 'E.v1', data: {} })).toEqual(E.left('upcasters loop at E.v1'));
  });

  it('A3: every upcaster reads an older type and each older type has one (none reads a current type)', () => {
    for (const [from] of licenseUpcasters) expect(from).toMatch(/\.v1$/);
    const current = upcasters(upcaster(MachineActivated, (e) => e));
    expect(() => foldableOf(LicenseEvent, current)).toThrow(
      'an upcaster reads the current type MachineActivated.v2',
    );
    expect([...licenseUpcasters.keys()].sort()).toEqual([
      'LeaseCheckedOut.v1',
      'MachineActivated.v1',
    ]);
  });

  it('A3: any event of a generated history, stored as the release wrote it, upcasts, decodes and round-trips to the current event', () => {
    let upcastSeen = 0;
    fc.assert(
      fc.property(
        scenarios(
          { activate: 6, checkout: 6, heartbeat: 2, checkin: 2, open: 3, deactivate: 2, wait: 2 },
          ['per-machine', 'floating'],
        ),
        (scenario) => {
          for (const e of runScenario(scenario, new Map())) {
            const release = asTheReleaseWroteIt(e);
            if (release.type !== e.type) upcastSeen++;
            expect(stored(release.type, release.data)).toEqual({ kind: 'license', event: e });
            expect(stored(e.type, e.data)).toEqual({ kind: 'license', event: e });
          }
        },
      ),
      { numRuns: 100 },
    );
    // The histories did hold events of both upcast types (else the property proves nothing).
    expect(upcastSeen).toBeGreaterThan(500);
  });
});
