import type { ContractContext } from './contract-context';

/** SnapshotStore: latest per stream, never regressing. */
export function describeSnapshotContract(ctx: ContractContext): void {
  const { stream } = ctx;

  describe('SnapshotStore', () => {
    it('loads null for a stream without a snapshot', async () => {
      expect(await ctx.snapshotStore.load(stream('no-snapshot'))).toBeNull();
    });

    it('keeps the latest snapshot and never goes back to an older revision', async () => {
      const snapshots = ctx.snapshotStore;
      const name = stream('snap');
      const state = { licenses: ['a', 'b'], seats: 3, nested: { ok: true } };
      await snapshots.save(name, { revision: 3n, schemaVersion: 'v1', state });
      expect(await snapshots.load(name)).toEqual({ revision: 3n, schemaVersion: 'v1', state });
      await snapshots.save(name, { revision: 2n, schemaVersion: 'v1', state: { old: true } });
      await snapshots.save(name, { revision: 3n, schemaVersion: 'v1', state: { same: true } });
      expect(await snapshots.load(name)).toEqual({ revision: 3n, schemaVersion: 'v1', state });
      await snapshots.save(name, { revision: 10n, schemaVersion: 'v2', state: { seats: 4 } });
      expect(await snapshots.load(name)).toEqual({
        revision: 10n,
        schemaVersion: 'v2',
        state: { seats: 4 },
      });
      expect(await snapshots.load(stream('snap-other'))).toBeNull();
    });

    it('keeps the highest revision when saves race', async () => {
      const name = stream('snap-race');
      await Promise.all(
        [5n, 9n, 1n, 7n, 3n].map((revision) =>
          ctx.snapshotStore.save(name, {
            revision,
            schemaVersion: 'v1',
            state: { revision: `${revision}` },
          }),
        ),
      );
      expect(await ctx.snapshotStore.load(name)).toMatchObject({
        revision: 9n,
        state: { revision: '9' },
      });
    });
  });
}
