import { EventStoreDBClient, NO_STREAM, jsonEvent } from '@eventstore/db-client';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { startEsdbTestServer } from './start-esdb-test-server';

const event = (n: number) => jsonEvent({ id: randomUUID(), type: 'Tested.v1', data: { n } });

async function allEvents(client: EventStoreDBClient) {
  const out: { id: string; stream: string; revision: bigint; position: bigint }[] = [];
  for await (const r of client.readAll({ maxCount: 10_000 })) {
    const e = r.event!;
    out.push({ id: e.id, stream: e.streamId, revision: e.revision, position: e.position.commit });
  }
  return out;
}

describe('the test server with a file: a restart is a real restart', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'esdb-journal-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every acknowledged event, its revision and position; retries stay idempotent', async () => {
    const file = join(dir, 'log.jsonl');
    const first = await startEsdbTestServer({ file });
    const c1 = EventStoreDBClient.connectionString(first.connectionString);
    const batch = [event(0), event(1)];
    const written = await c1.appendToStream('kept', batch, { expectedRevision: NO_STREAM });
    await c1.appendToStream('kept', event(2), { expectedRevision: 1n });
    const before = await allEvents(c1);
    await c1.dispose();
    await first.stop();

    const second = await startEsdbTestServer({ file });
    const c2 = EventStoreDBClient.connectionString(second.connectionString);
    try {
      expect(await allEvents(c2)).toEqual(before); // system events written once, on first start
      expect(await c2.appendToStream('kept', batch, { expectedRevision: NO_STREAM })).toEqual(
        written,
      );
      const next = await c2.appendToStream('kept', event(3), { expectedRevision: 2n });
      expect(next.nextExpectedRevision).toBe(3n);
      expect(next.position!.commit).toBeGreaterThan(before[before.length - 1]!.position);
    } finally {
      await c2.dispose();
      await second.stop();
    }
  });

  it('cuts off a torn last line (a write that died half-written was never acknowledged)', async () => {
    const file = join(dir, 'log.jsonl');
    const first = await startEsdbTestServer({ file });
    const c1 = EventStoreDBClient.connectionString(first.connectionString);
    await c1.appendToStream('torn', event(0));
    const before = await allEvents(c1);
    await c1.dispose();
    await first.stop();
    appendFileSync(file, '{"n":"99999","e":[{"s":"torn","r":"1"');

    const second = await startEsdbTestServer({ file });
    const c2 = EventStoreDBClient.connectionString(second.connectionString);
    try {
      expect(await allEvents(c2)).toEqual(before);
      await c2.appendToStream('torn', event(1), { expectedRevision: 0n });
      expect(
        readFileSync(file, 'utf8')
          .split('\n')
          .filter(Boolean)
          .every((l) => JSON.parse(l)),
      ).toBe(true);
    } finally {
      await c2.dispose();
      await second.stop();
    }
  });
});
