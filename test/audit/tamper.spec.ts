import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sealedHeads, verifySeal, type ChainHead, type Seal } from '@lic/audit-chain';
import { recordSeal, verifyStore } from '@lic/command-pipeline';
import { fixedClock } from '@lic/clock';
import { openEsdbEventStore, openSqliteEventStore, type EventStore } from '@lic/event-store';
import { startEsdbTestServer } from '../../libs/event-store/src/testing';
import { writeChainedHistory } from './support/chained-history';
import { freshRing } from './support/keys';
import {
  changeOneByte,
  deleteEvent,
  swapEvents,
  truncateAfter,
  type Tamper,
} from './support/stored-rows';
import { tamperJournal } from './support/tamper-journal';
import { tamperSqliteFile } from './support/tamper-sqlite';

const clock = fixedClock(Date.parse('2026-03-01T00:00:00.000Z'));

/** The history, then a real signed seal over it: the heads it vouches for, once verified. */
const writeAndSeal = async (store: EventStore): Promise<Map<string, ChainHead>> => {
  const ring = await freshRing(clock.now());
  const outcome = await recordSeal(store, clock, () => ring.current);
  if (outcome.kind !== 'sealed') throw new Error('no seal recorded');
  const seal: Seal = outcome.seal;
  if (!(await verifySeal(seal, ring.jwks())).valid) throw new Error('the seal does not verify');
  return new Map(sealedHeads(seal).map((h) => [h.stream, h.head]));
};
const L1 = 'license-L1';

/** A store kind: write through the pipeline, tamper with its files, read it back. */
interface Backend {
  readonly name: string;
  /** Writes the history and seals it; returns the heads the seal vouches for. */
  write(dir: string): Promise<Map<string, ChainHead>>;
  tamper(dir: string, t: Tamper): void;
  open(dir: string): Promise<{ store: EventStore; close(): Promise<void> }>;
}

const sqlite: Backend = {
  name: 'SQLite',
  async write(dir) {
    const stores = openSqliteEventStore({ file: join(dir, 'events.db'), clock });
    await writeChainedHistory(stores, clock);
    const heads = await writeAndSeal(stores.eventStore);
    await stores.eventStore.close();
    return heads;
  },
  tamper: (dir, t) => tamperSqliteFile(join(dir, 'events.db'), t),
  async open(dir) {
    const stores = openSqliteEventStore({ file: join(dir, 'events.db'), clock });
    return { store: stores.eventStore, close: () => stores.eventStore.close() };
  },
};

const viaEsdbAdapter = async (dir: string) => {
  const server = await startEsdbTestServer({ file: join(dir, 'journal.jsonl'), clock });
  const stores = openEsdbEventStore({ connectionString: server.connectionString, clock });
  return {
    stores,
    close: async () => {
      await stores.eventStore.close();
      await server.stop();
    },
  };
};

const esdb: Backend = {
  name: 'the ESDB adapter',
  async write(dir) {
    const { stores, close } = await viaEsdbAdapter(dir);
    await writeChainedHistory(stores, clock);
    const heads = await writeAndSeal(stores.eventStore);
    await close();
    return heads;
  },
  tamper: (dir, t) => tamperJournal(join(dir, 'journal.jsonl'), t),
  async open(dir) {
    const { stores, close } = await viaEsdbAdapter(dir);
    return { store: stores.eventStore, close };
  },
};

describe.each([sqlite, esdb].map((b) => [b.name, b] as const))(
  'tampering with a chained history on %s',
  (_name, backend: Backend) => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'tamper-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    const breaksAfter = async (tamper: Tamper | null, sealed: readonly [string, bigint][] = []) => {
      const heads = await backend.write(dir);
      if (tamper !== null) backend.tamper(dir, tamper);
      const { store, close } = await backend.open(dir);
      try {
        const seals = sealed.map(([stream]) => ({ stream, head: heads.get(stream)! }));
        const report = await verifyStore(store, seals);
        return report.breaks.map((b) => ({ stream: b.stream, revision: b.revision, kind: b.kind }));
      } finally {
        await close();
      }
    };

    it(`the untouched history verifies (${backend.name})`, async () => {
      expect(await breaksAfter(null, [[L1, 5n]])).toEqual([]);
    });

    it(`one byte changed in one event's data is named: content-changed (${backend.name})`, async () => {
      expect(await breaksAfter(changeOneByte(L1, 2n))).toEqual([
        { stream: L1, revision: 2n, kind: 'content-changed' },
      ]);
    });

    it(`a deleted event, the stream renumbered to hide it, is named: moved (${backend.name})`, async () => {
      expect(await breaksAfter(deleteEvent(L1, 2n, true))).toEqual([
        { stream: L1, revision: 2n, kind: 'moved' },
      ]);
    });

    it(`two swapped events are named: moved (${backend.name})`, async () => {
      expect(await breaksAfter(swapEvents(L1, 2n, 3n))).toEqual([
        { stream: L1, revision: 2n, kind: 'moved' },
      ]);
    });

    it(`the tail cut after a sealed head is named: truncated (${backend.name})`, async () => {
      expect(await breaksAfter(truncateAfter(L1, 3n), [[L1, 5n]])).toEqual([
        { stream: L1, revision: 5n, kind: 'truncated' },
      ]);
    });
  },
);

describe('tampering only SQLite allows', () => {
  it('a row deleted without renumbering is named: missing-revisions', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tamper-'));
    try {
      await sqlite.write(dir);
      sqlite.tamper(dir, deleteEvent(L1, 2n, false));
      const { store, close } = await sqlite.open(dir);
      const report = await verifyStore(store);
      await close();
      expect(report.breaks.map((b) => [b.stream, b.revision, b.kind])).toEqual([
        [L1, 3n, 'missing-revisions'],
      ]);
      expect(report.breaks[0].detail).toMatch(/expected revision 2, found 3/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
