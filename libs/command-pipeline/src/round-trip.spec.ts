import * as t from 'io-ts';
import * as E from 'fp-ts/Either';
import { fixedClock } from '@lic/clock';
import { Instant } from '@lic/domain';
import { openSqliteEventStore } from '@lic/event-store';
import type { AggregateDefinition } from './aggregate-definition';
import { AggregateRepository } from './aggregate-repository';
import { UnrecordableEventError } from './errors';
import { meta } from './testing/builders';

/** A tiny aggregate whose decider records whatever the command says. */
const Noted = t.type({ type: t.literal('Noted.v1'), data: t.type({ at: Instant, n: t.number }) });
type Noted = t.TypeOf<typeof Noted>;
type Note = { type: 'Note'; at: string; n: number };
const notes: AggregateDefinition<Note, Noted, number> = {
  name: 'note',
  decider: {
    initialState: 0,
    evolve: (s) => s + 1,
    decide: (c) => E.right([{ type: 'Noted.v1', data: { at: c.at, n: c.n } }]),
  },
  streamName: (id) => `note-${id}`,
  readStored: (_stream, type, data) => {
    const decoded = Noted.decode({ type, data });
    return E.isRight(decoded)
      ? { kind: 'event', event: decoded.right }
      : { kind: 'stop', why: `${type} does not decode` };
  },
  stateCodec: t.number,
  stateSchemaVersion: 'note.v1',
};

describe('nothing unreadable is ever appended (A1)', () => {
  const T0 = Date.parse('2026-03-01T00:00:00.000Z');

  it.each([
    ['an instant with a six-digit year', { at: '+010241-08-20T05:33:50.422Z', n: 1 }],
    ['a number JSON cannot carry (NaN)', { at: '2026-03-01T00:00:00.000Z', n: Number.NaN }],
  ])(
    'A1: a decided event that does not read back (%s) is refused; nothing is stored',
    async (_why, data) => {
      const clock = fixedClock(T0);
      const { eventStore, snapshotStore } = openSqliteEventStore({ file: ':memory:', clock });
      const repo = new AggregateRepository(eventStore, snapshotStore, notes, clock);
      await repo.handle('a', { type: 'Note', at: '2026-03-01T00:00:00.000Z', n: 0 }, meta());
      const failure = repo.handle('a', { type: 'Note', ...data }, meta());
      await expect(failure).rejects.toThrow(UnrecordableEventError);
      await expect(failure).rejects.toThrow(/command Note on note-a decided Noted\.v1/);
      const stored = [];
      for await (const e of eventStore.readStream('note-a')) stored.push(e);
      expect(stored).toHaveLength(1);
      // The stream still reads and decides: the refused decision left no trace.
      const next = await repo.handle(
        'a',
        { type: 'Note', at: '2026-03-01T00:00:01.000Z', n: 2 },
        meta(),
      );
      expect(next.revision).toBe(1n);
      await eventStore.close();
    },
  );
});
