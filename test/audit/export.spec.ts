import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signDetached, verifyExport, type Jwks } from '@lic/audit-chain';
import { fixedClock } from '@lic/clock';
import { exportStore } from '@lic/command-pipeline';
import { openSqliteEventStore, type EventStore } from '@lic/event-store';
import type { KeyRing } from '@lic/signing';
import { foldLicenseAt, seatsAt } from '../../apps/query-api/src/seats/as-of-seats';
import { seatsAsOf, verifyExportFile } from '../../libs/sdk/src/audit/verify-export-file';
import { forgerKey, freshRing } from './support/keys';
import { prng, writeRandomHistory } from './support/random-history';
import { truncateAfter } from './support/stored-rows';
import { tamperSqliteFile } from './support/tamper-sqlite';

const T0 = Date.parse('2026-03-01T00:00:00.000Z');

const exportOf = async (store: EventStore, ring: KeyRing, filter = {}): Promise<string[]> => {
  const lines: string[] = [];
  for await (const l of exportStore(
    store,
    filter,
    '2026-03-02T00:00:00.000Z',
    () => ring.current,
    ring.jwks(),
  )) {
    lines.push(l.slice(0, -1));
  }
  return lines;
};

describe('the export an auditor takes away', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'export-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('A3: a long random history, exported and verified offline, reproduces the query API as-of answers at random instants', async () => {
    const clock = fixedClock(T0);
    const ring = await freshRing(T0);
    const stores = openSqliteEventStore({ file: join(dir, 'events.db'), clock });
    const { licenses, start, end } = await writeRandomHistory(stores, clock, ring.current, 600, 7);
    const file = join(dir, 'audit.ndjson');
    writeFileSync(file, `${(await exportOf(stores.eventStore, ring)).join('\n')}\n`);
    const verdict = await verifyExportFile(file, ring.jwks() as Jwks);
    expect(verdict.problems).toEqual([]);
    expect(verdict.intact).toBe(true);
    expect(verdict.seals.valid).toBeGreaterThanOrEqual(6);
    expect(verdict.chain.chainedEvents).toBeGreaterThan(600);
    const random = prng(99);
    let seated = 0;
    for (let i = 0; i < 40; i++) {
      const id = licenses[i % licenses.length];
      const at = Math.floor(start + random() * (end - start));
      const live = await foldLicenseAt(stores.eventStore, id, at);
      const offline = await seatsAsOf(verdict, id, at);
      expect(offline).toEqual(live === null ? null : seatsAt(live, at));
      if ((offline?.seats.lease?.in_use ?? 0) > 0) seated++;
    }
    expect(seated).toBeGreaterThan(10); // the instants fall where seats were held
    await stores.eventStore.close();
  }, 60_000);

  describe('tampering with the export or the store before it', () => {
    const small = async () => {
      const clock = fixedClock(T0);
      const ring = await freshRing(T0);
      const file = join(dir, 'events.db');
      const stores = openSqliteEventStore({ file, clock });
      await writeRandomHistory(stores, clock, ring.current, 30, 3);
      return { ring, stores, file, clock };
    };

    it('one byte changed in an exported event is named, with its stream and revision', async () => {
      const { ring, stores } = await small();
      const lines = await exportOf(stores.eventStore, ring, { license: 'A' });
      const i = lines.findIndex(
        (l) => l.includes('"kind":"event"') && l.includes('LeaseCheckedOut'),
      );
      const revision = (JSON.parse(lines[i]) as { revision: string }).revision;
      lines[i] = lines[i].replace('"fingerprint":"n', '"fingerprint":"m');
      const verdict = await verifyExport(lines, ring.jwks() as Jwks);
      expect(verdict.intact).toBe(false);
      expect(verdict.problems[0]).toMatch(new RegExp(`^license-A@${revision} content-changed: `));
      expect(verdict.problems.some((p) => p.startsWith('manifest digest: '))).toBe(true);
      await stores.eventStore.close();
    });

    it('a replaced manifest signature is named', async () => {
      const { ring, stores } = await small();
      const lines = await exportOf(stores.eventStore, ring);
      const last = JSON.parse(lines[lines.length - 1]) as Record<string, unknown>;
      const { signature: _s, ...body } = last;
      const forged = await signDetached(body as never, await forgerKey(ring.current.kid));
      lines[lines.length - 1] = JSON.stringify({ ...body, signature: forged });
      const verdict = await verifyExport(lines, ring.jwks() as Jwks);
      expect(verdict.problems).toEqual([
        `manifest signature: the signature does not verify with key ${ring.current.kid}`,
      ]);
      await stores.eventStore.close();
    });

    it('a seal forged with another key is named', async () => {
      const { ring, stores } = await small();
      const lines = await exportOf(stores.eventStore, ring);
      const i = lines.findIndex((l) => l.includes('"kind":"seal"'));
      const line = JSON.parse(lines[i]) as { data: Record<string, unknown>; revision: string };
      const { signature: _s, ...body } = line.data;
      line.data = {
        ...body,
        signature: await signDetached(body as never, await forgerKey(ring.current.kid)),
      };
      lines[i] = JSON.stringify(line);
      const verdict = await verifyExport(lines, ring.jwks() as Jwks);
      expect(verdict.problems[0]).toMatch(/^audit-seals@\d+ content-changed: /);
      expect(verdict.problems).toContain(
        `seal audit-seals@${line.revision} (line ${i + 1}): the signature does not verify with key ${ring.current.kid}`,
      );
      await stores.eventStore.close();
    });

    it('the tail of a stream cut after a seal (in the store, before exporting) is named: truncated', async () => {
      const { ring, stores, file, clock } = await small();
      let last = 0n;
      for await (const e of stores.eventStore.readStream('license-A')) last = e.revision;
      await stores.eventStore.close();
      tamperSqliteFile(file, truncateAfter('license-A', last - 2n));
      const reopened = openSqliteEventStore({ file, clock });
      const verdict = await verifyExport(
        await exportOf(reopened.eventStore, ring),
        ring.jwks() as Jwks,
      );
      expect(verdict.problems).toEqual([
        `license-A@${last} truncated: a seal covers revision ${last}, but the history ends at revision ${last - 2n}: later events were removed`,
      ]);
      await reopened.eventStore.close();
    });
  });
});
