import { WrongExpectedRevisionError, type ExpectedRevision } from '../../event-store.port';
import { collect, newEvent, newEvents } from '../contract-fixtures';
import { ids, type ContractContext } from './contract-context';

async function expectConflict(
  attempt: Promise<unknown>,
  expected: { streamName: string; expected: ExpectedRevision; actual: bigint | 'no_stream' },
): Promise<void> {
  const error: unknown = await attempt.then(
    () => new Error('the append succeeded, a WrongExpectedRevisionError was expected'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WrongExpectedRevisionError);
  const conflict = error as WrongExpectedRevisionError;
  expect(conflict.name).toBe('WrongExpectedRevisionError');
  expect({
    streamName: conflict.streamName,
    expected: conflict.expected,
    actual: conflict.actual,
  }).toEqual(expected);
}

/** Appends: expected revisions, conflicts, atomicity, retries, races. */
export function describeAppendContract(ctx: ContractContext): void {
  const { stream, append } = ctx;

  describe('appendToStream', () => {
    it('creates a stream with no_stream: revision 0, a bigint position', async () => {
      const name = stream('new');
      const result = await append(name, [newEvent()], 'no_stream');
      expect(result.nextExpectedRevision).toBe(0n);
      expect(typeof result.position).toBe('bigint');
      const [recorded] = await collect(ctx.eventStore.readStream(name));
      expect(recorded.revision).toBe(0n);
      expect(recorded.position).toBe(result.position);
    });

    it('appends several events atomically, with consecutive revisions', async () => {
      const name = stream('batch');
      await append(name, [newEvent()], 'no_stream');
      const batch = newEvents(3);
      const result = await append(name, batch, 0n);
      expect(result.nextExpectedRevision).toBe(3n);
      const read = await collect(ctx.eventStore.readStream(name));
      expect(read.map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n]);
      expect(ids(read.slice(1))).toEqual(ids(batch));
      expect(read[3].position).toBe(result.position);
      expect(read[1].position < read[2].position && read[2].position < read[3].position).toBe(true);
    });

    it('accepts a matching revision, stream_exists on an existing stream, and any', async () => {
      const name = stream('accepts');
      await append(name, [newEvent()], 'any');
      await expect(append(name, [newEvent()], 0n)).resolves.toMatchObject({
        nextExpectedRevision: 1n,
      });
      await expect(append(name, [newEvent()], 'stream_exists')).resolves.toMatchObject({
        nextExpectedRevision: 2n,
      });
      await expect(append(name, [newEvent()], 'any')).resolves.toMatchObject({
        nextExpectedRevision: 3n,
      });
    });

    it('conflicts on no_stream when the stream exists', async () => {
      const name = stream('conflict-no-stream');
      await append(name, newEvents(2), 'no_stream');
      await expectConflict(append(name, [newEvent()], 'no_stream'), {
        streamName: name,
        expected: 'no_stream',
        actual: 1n,
      });
    });

    it('conflicts on stream_exists when the stream does not exist', async () => {
      const name = stream('conflict-exists');
      await expectConflict(append(name, [newEvent()], 'stream_exists'), {
        streamName: name,
        expected: 'stream_exists',
        actual: 'no_stream',
      });
      expect(await collect(ctx.eventStore.readStream(name))).toEqual([]);
    });

    it('conflicts on a stale or premature revision, and on a revision of a missing stream', async () => {
      const name = stream('conflict-revision');
      await append(name, newEvents(3), 'no_stream');
      await expectConflict(append(name, [newEvent()], 0n), {
        streamName: name,
        expected: 0n,
        actual: 2n,
      });
      await expectConflict(append(name, [newEvent()], 7n), {
        streamName: name,
        expected: 7n,
        actual: 2n,
      });
      const missing = stream('conflict-missing');
      await expectConflict(append(missing, [newEvent()], 0n), {
        streamName: missing,
        expected: 0n,
        actual: 'no_stream',
      });
    });

    it('writes nothing of a rejected multi-event append', async () => {
      const name = stream('atomic');
      await append(name, [newEvent()], 'no_stream');
      await expect(append(name, newEvents(5), 5n)).rejects.toBeInstanceOf(
        WrongExpectedRevisionError,
      );
      expect(await collect(ctx.eventStore.readStream(name))).toHaveLength(1);
    });

    it('recognises a retried append (same ids, same expected revision): no duplicate', async () => {
      const name = stream('retry');
      const batch = newEvents(2);
      const first = await append(name, batch, 'no_stream');
      const retried = await append(name, batch, 'no_stream');
      expect(retried).toEqual(first);
      const more = newEvents(2);
      const second = await append(name, more, 1n);
      expect(await append(name, more, 1n)).toEqual(second);
      expect(ids(await collect(ctx.eventStore.readStream(name)))).toEqual(ids([...batch, ...more]));
    });

    it('lets exactly one of 50 concurrent appends with the same expected revision win', async () => {
      const name = stream('race');
      await append(name, [newEvent()], 'no_stream');
      const attempts = await Promise.allSettled(
        Array.from({ length: 50 }, (_, i) => append(name, [newEvent('Raced.v1', { i })], 0n)),
      );
      const won = attempts.filter((a) => a.status === 'fulfilled');
      const lost = attempts.flatMap((a) => (a.status === 'rejected' ? [a.reason] : []));
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(49);
      for (const reason of lost) {
        expect(reason).toBeInstanceOf(WrongExpectedRevisionError);
        expect(reason).toMatchObject({ streamName: name, expected: 0n, actual: 1n });
      }
      expect(await collect(ctx.eventStore.readStream(name))).toHaveLength(2);
    });

    it('lets exactly one of concurrent no_stream appends create the stream', async () => {
      const name = stream('race-create');
      const attempts = await Promise.allSettled(
        Array.from({ length: 20 }, () => append(name, [newEvent()], 'no_stream')),
      );
      expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
      expect(await collect(ctx.eventStore.readStream(name))).toHaveLength(1);
    });

    it('rejects data that is not JSON (a bigint) with a TypeError, writing nothing', async () => {
      const name = stream('not-json');
      const bad = newEvent('Bad.v1', { amount: 1n });
      await expect(append(name, [newEvent(), bad], 'no_stream')).rejects.toThrow(TypeError);
      expect(await collect(ctx.eventStore.readStream(name))).toEqual([]);
    });

    it('rejects an empty append and reserved stream names', async () => {
      await expect(append(stream('empty'), [], 'any')).rejects.toThrow(/no events/);
      await expect(append('$system', [newEvent()], 'any')).rejects.toThrow(/system stream/);
      await expect(append('snapshot-x', [newEvent()], 'any')).rejects.toThrow(/reserved/);
    });
  });
}
