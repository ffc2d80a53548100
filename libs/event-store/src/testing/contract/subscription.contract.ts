import { setTimeout as sleep } from 'node:timers/promises';
import type { NewEvent } from '../../event-store.port';
import { SubscriptionProbe, collect, newEvent, newEvents } from '../contract-fixtures';
import { ids, type ContractContext } from './contract-context';

/** subscribeToAll: start points, filters, the catch-up/live seam, close, drops. */
export function describeSubscriptionContract(
  ctx: ContractContext,
  { dropSubscriptions }: { readonly dropSubscriptions: boolean },
): void {
  const { stream, append, readDomain } = ctx;

  describe('subscribeToAll', () => {
    it('from the start: the existing events, then live ones', async () => {
      const prefix = stream('sub-start');
      const before = newEvents(3);
      await append(`${prefix}-a`, before, 'no_stream');
      const probe = new SubscriptionProbe(
        ctx.eventStore.subscribeToAll({ streamPrefixes: [prefix] }),
      );
      try {
        expect(ids(await probe.take(3))).toEqual(ids(before));
        const live = newEvents(2);
        await append(`${prefix}-b`, live, 'no_stream');
        expect(ids(await probe.take(2))).toEqual(ids(live));
        await probe.expectQuiet(150);
      } finally {
        await probe.close();
      }
    });

    it('from a checkpoint: strictly after it', async () => {
      const name = stream('sub-checkpoint');
      const written = newEvents(4);
      await append(name, written.slice(0, 2), 'no_stream');
      const [, checkpoint] = await collect(ctx.eventStore.readStream(name));
      await append(name, written.slice(2), 1n);
      const probe = new SubscriptionProbe(
        ctx.eventStore.subscribeToAll({ after: checkpoint.position }),
      );
      try {
        const received = await probe.until(
          (r) => r.filter((e) => e.streamName === name).length >= 2,
        );
        expect(received.every((e) => e.position > checkpoint.position)).toBe(true);
        expect(ids(received.filter((e) => e.streamName === name))).toEqual(ids(written.slice(2)));
      } finally {
        await probe.close();
      }
    });

    it('filters on stream-name prefixes', async () => {
      const base = stream('prefix');
      const probe = new SubscriptionProbe(
        ctx.eventStore.subscribeToAll({ streamPrefixes: [`${base}-in1`, `${base}-in2`] }),
      );
      try {
        const wanted: NewEvent[] = [];
        for (const [suffix, event] of [
          ['in1-x', newEvent()],
          ['out-x', newEvent()],
          ['in2-y', newEvent()],
          ['in', newEvent()],
          ['in1', newEvent()],
        ] as const) {
          await append(`${base}-${suffix}`, [event], 'any');
          if (suffix.startsWith('in1') || suffix.startsWith('in2')) wanted.push(event);
        }
        expect(ids(await probe.take(wanted.length))).toEqual(ids(wanted));
        await probe.expectQuiet(150);
      } finally {
        await probe.close();
      }
    });

    it('catches up then goes live with appends running across the seam: no gap, no duplicate', async () => {
      const prefix = stream('seam');
      const start = await append(stream('seam-marker'), [newEvent()], 'no_stream');
      for (let i = 0; i < 6; i++) await append(`${prefix}-w${i % 2}`, newEvents(50), 'any');
      const probe = new SubscriptionProbe(
        ctx.eventStore.subscribeToAll({ after: start.position, streamPrefixes: [prefix] }),
      );
      const writer = async (w: number) => {
        for (let i = 0; i < 60; i++) {
          await append(`${prefix}-w${w}`, newEvents(1 + (i % 3)), 'any');
          if (i % 10 === 0) await sleep(1);
        }
      };
      try {
        const writers = Promise.all([writer(0), writer(1)]);
        const expectedCount = 300 + 2 * (20 * 1 + 20 * 2 + 20 * 3);
        await probe.until((r) => r.length >= expectedCount, 25_000);
        await writers;
        await probe.expectQuiet(150);
        const truth = (await readDomain(start.position)).filter((e) =>
          e.streamName.startsWith(prefix),
        );
        expect(truth).toHaveLength(expectedCount);
        expect(ids(probe.received)).toEqual(ids(truth));
        expect(probe.received.map((e) => e.position)).toEqual(truth.map((e) => e.position));
      } finally {
        await probe.close();
      }
    });

    it('subscribeToPlaces: where the same events were written, in the same order, filtered alike', async () => {
      const base = stream('places');
      await append(`${base}-in-a`, newEvents(2), 'no_stream');
      await append(`${base}-out`, newEvents(1), 'no_stream');
      await append(`${base}-in-b`, newEvents(1), 'no_stream');
      const filter = { streamPrefixes: [`${base}-in`] };
      const events = new SubscriptionProbe(ctx.eventStore.subscribeToAll(filter));
      const places = new SubscriptionProbe(ctx.eventStore.subscribeToPlaces(filter));
      try {
        const expected = (await events.take(3)).map(({ streamName, revision, position }) => ({
          streamName,
          revision,
          position,
        }));
        expect(await places.take(3)).toEqual(expected);
        await append(`${base}-in-a`, newEvents(1), 1n);
        const [live] = await places.take(1);
        expect(live).toEqual({
          streamName: `${base}-in-a`,
          revision: 2n,
          position: (await events.take(1))[0]?.position,
        });
        await places.expectQuiet(150);
      } finally {
        await events.close();
        await places.close();
      }
    });

    it('ends the iteration on close()', async () => {
      const prefix = stream('close');
      const probe = new SubscriptionProbe(
        ctx.eventStore.subscribeToAll({ streamPrefixes: [prefix] }),
      );
      await append(`${prefix}-a`, [newEvent()], 'no_stream');
      await probe.take(1);
      const next = probe.next();
      await probe.close();
      await expect(next).resolves.toMatchObject({ done: true });
    });

    // Only a test double can drop its subscribers on demand; against a real server there is
    // no such test to run.
    if (dropSubscriptions)
      it('resubscribes after server-side drops, without gap or duplicate', async () => {
        const drop = ctx.store.dropSubscriptions;
        if (drop === undefined) throw new Error('the store under test cannot drop subscriptions');
        const prefix = stream('drop');
        const start = await append(stream('drop-marker'), [newEvent()], 'no_stream');
        await append(`${prefix}-a`, newEvents(40), 'no_stream');
        const probe = new SubscriptionProbe(
          ctx.eventStore.subscribeToAll({ after: start.position, streamPrefixes: [prefix] }),
        );
        const total = 40 + 200;
        const writer = (async () => {
          for (let i = 0; i < 100; i++) {
            await append(`${prefix}-${i % 2 === 0 ? 'a' : 'b'}`, newEvents(2), 'any');
            if (i % 5 === 0) await sleep(2);
          }
        })();
        // Drop during catch-up and during live delivery. A drop finds no call while the
        // adapter is between subscriptions; it is then tried again on the next event.
        const dropAfter = new Set([10, 30, 90, 170]);
        const dropped: number[] = [];
        let wanted = 0;
        try {
          await probe.until(
            (r) => r.length >= total,
            25_000,
            () => {
              if (dropAfter.has(probe.received.length)) wanted++;
              if (wanted === 0) return;
              const calls = drop();
              if (calls > 0) {
                dropped.push(calls);
                wanted--;
              }
            },
          );
          await writer;
          await probe.expectQuiet(200);
          expect(dropped).toHaveLength(4);
          const truth = (await readDomain(start.position)).filter((e) =>
            e.streamName.startsWith(prefix),
          );
          expect(truth).toHaveLength(total);
          expect(ids(probe.received)).toEqual(ids(truth));
        } finally {
          await probe.close();
        }
      });
  });
}
