import {
  positionFromString,
  positionToString,
  type NewEvent,
  type RecordedEvent,
} from '../../event-store.port';
import { isDomainEvent } from '../../stream-names';
import { SubscriptionProbe, collect, metadata, newEvent, newEvents } from '../contract-fixtures';
import { ids, type ContractContext } from './contract-context';

/** Reads of one stream and of $all; positions. */
export function describeReadContract(ctx: ContractContext): void {
  const { stream, append, readDomain } = ctx;

  describe('readStream', () => {
    let name: string;
    let written: NewEvent[];
    beforeAll(async () => {
      name = stream('read');
      written = newEvents(5);
      await append(name, written.slice(0, 2), 'no_stream');
      await append(name, written.slice(2), 1n);
    });

    it('reads forwards: all, from a revision, at most maxCount', async () => {
      expect(ids(await collect(ctx.eventStore.readStream(name)))).toEqual(ids(written));
      const from2 = await collect(ctx.eventStore.readStream(name, { fromRevision: 2n }));
      expect(from2.map((e) => e.revision)).toEqual([2n, 3n, 4n]);
      const limited = await collect(
        ctx.eventStore.readStream(name, { fromRevision: 1n, maxCount: 2 }),
      );
      expect(limited.map((e) => e.revision)).toEqual([1n, 2n]);
      expect(await collect(ctx.eventStore.readStream(name, { fromRevision: 9n }))).toEqual([]);
    });

    it('reads backwards: from the end, from a revision, at most maxCount', async () => {
      const all = await collect(ctx.eventStore.readStream(name, { direction: 'backwards' }));
      expect(all.map((e) => e.revision)).toEqual([4n, 3n, 2n, 1n, 0n]);
      const last = await collect(
        ctx.eventStore.readStream(name, { direction: 'backwards', maxCount: 1 }),
      );
      expect(last.map((e) => e.revision)).toEqual([4n]);
      const from3 = await collect(
        ctx.eventStore.readStream(name, { direction: 'backwards', fromRevision: 3n, maxCount: 2 }),
      );
      expect(from3.map((e) => e.revision)).toEqual([3n, 2n]);
    });

    it('reads a missing stream as empty, in both directions', async () => {
      const missing = stream('missing');
      expect(await collect(ctx.eventStore.readStream(missing))).toEqual([]);
      expect(await collect(ctx.eventStore.readStream(missing, { direction: 'backwards' }))).toEqual(
        [],
      );
    });

    it('round-trips type, data, metadata and gives an ISO-8601 recordedAt', async () => {
      const target = stream('roundtrip');
      const cause = newEvent('Caused.v1', { nested: { list: [1, 'two', null] }, n: 1.5 });
      const effect = newEvent(
        'Effect.v1',
        { text: 'é ✓ "quoted"' },
        metadata({ causationId: cause.id, actor: 'admin:alice' }),
      );
      await append(target, [cause, effect], 'no_stream');
      const [a, b] = await collect(ctx.eventStore.readStream(target));
      expect(a).toMatchObject({
        id: cause.id,
        streamName: target,
        type: 'Caused.v1',
        data: cause.data,
        metadata: { ...cause.metadata, causationId: null },
      });
      expect(b).toMatchObject({ id: effect.id, data: effect.data, metadata: effect.metadata });
      expect(b.metadata).toEqual(effect.metadata);
      expect(new Date(a.recordedAt).toISOString()).toBe(a.recordedAt);
    });
  });

  describe('readAll and positions', () => {
    it('reads the events strictly after a position, in order, at most maxCount', async () => {
      const marker = await append(stream('marker'), [newEvent()], 'no_stream');
      const s1 = stream('all-a');
      const s2 = stream('all-b');
      const e1 = newEvents(2);
      const e2 = newEvents(1);
      const e3 = newEvents(1);
      await append(s1, e1, 'no_stream');
      await append(s2, e2, 'no_stream');
      await append(s1, e3, 1n);
      const mine = (events: RecordedEvent[]) =>
        events.filter((e) => e.streamName === s1 || e.streamName === s2);
      const after = await readDomain(marker.position);
      expect(after.every((e) => e.position > marker.position)).toBe(true);
      expect(ids(mine(after))).toEqual(ids([...e1, ...e2, ...e3]));
      const two = await collect(ctx.eventStore.readAll({ after: marker.position, maxCount: 2 }));
      expect(two).toEqual(after.slice(0, 2));
    });

    it('hands out strictly increasing positions across streams', async () => {
      const results = [];
      for (let i = 0; i < 6; i++) {
        results.push(await append(stream(`order${i % 3}`), newEvents(1 + (i % 2)), 'any'));
      }
      const positions = results.map((r) => r.position);
      expect(positions.every((p, i) => i === 0 || p > positions[i - 1])).toBe(true);
      const all = await readDomain(positions[0]);
      expect(all.every((e, i) => i === 0 || e.position > all[i - 1].position)).toBe(true);
      expect(all.map((e) => e.position)).toEqual(expect.arrayContaining(positions.slice(1)));
    });

    it('never hands over system events or snapshot streams', async () => {
      const name = stream('visible');
      const written = await append(name, [newEvent()], 'no_stream');
      await ctx.snapshotStore.save(name, { revision: 0n, schemaVersion: 'v1', state: {} });
      const last = await append(name, [newEvent()], 0n);
      const all = await readDomain();
      expect(all.every((e) => isDomainEvent(e.streamName, e.type))).toBe(true);
      expect(all.map((e) => e.position)).toEqual(
        expect.arrayContaining([written.position, last.position]),
      );
      const probe = new SubscriptionProbe(ctx.eventStore.subscribeToAll());
      try {
        const received = await probe.until((r) => r.some((e) => e.position === last.position));
        expect(received.every((e) => isDomainEvent(e.streamName, e.type))).toBe(true);
      } finally {
        await probe.close();
      }
    });

    it('serialises positions as decimal strings, beyond 2^53 too', () => {
      for (const p of [0n, 1n, 2n ** 53n + 1n, 2n ** 64n - 1n]) {
        expect(positionFromString(positionToString(p))).toBe(p);
      }
      expect(positionToString(12345678901234567890n)).toBe('12345678901234567890');
      for (const bad of ['', '-1', '01', '1.5', 'abc', '1e3', ' 1']) {
        expect(positionFromString(bad)).toBeNull();
      }
    });
  });
}
