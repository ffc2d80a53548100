import { fixedClock } from '@lic/clock';
import { AggregateRepository, licenseAggregate } from '@lic/command-pipeline';
import {
  openEsdbEventStore,
  openSqliteEventStore,
  type EventStore,
  type RecordedEvent,
} from '@lic/event-store';
import { startEsdbTestServer } from '../../../libs/event-store/src/testing';
import {
  checkoutCommand,
  floatingCap,
  heartbeatCommand,
  issueCommand,
  meta,
} from '../../../libs/command-pipeline/src/testing/builders';
import { copyEvents } from './copy-events';

const all = async (store: EventStore) => {
  const out: RecordedEvent[] = [];
  for await (const e of store.readAll()) out.push(e);
  return out;
};

describe('moving an installation to another event store', () => {
  it('A3: copies every event, in order, with its stream, revision, id and metadata; rerunning is harmless', async () => {
    const clock = fixedClock(Date.parse('2026-05-01T00:00:00.000Z'));
    const source = openSqliteEventStore({ file: ':memory:', clock });
    const repo = new AggregateRepository(
      source.eventStore,
      source.snapshotStore,
      licenseAggregate,
      clock,
    );
    for (const id of ['a', 'b']) {
      await repo.handle(id, issueCommand(id, floatingCap(3)), meta());
      await repo.handle(id, checkoutCommand(id, 1), meta());
      await repo.handle(id, heartbeatCommand(id, 'lease-1'), meta());
    }
    const server = await startEsdbTestServer();
    const target = openEsdbEventStore({ connectionString: server.connectionString });
    try {
      expect((await copyEvents(source.eventStore, target.eventStore)).copied).toBe(6);
      expect((await copyEvents(source.eventStore, target.eventStore)).copied).toBe(6); // a rerun
      const project = (es: RecordedEvent[]) =>
        es.map(({ id, streamName, revision, type, data, metadata }) => ({
          id,
          streamName,
          revision,
          type,
          data,
          metadata,
        }));
      expect(project(await all(target.eventStore))).toEqual(project(await all(source.eventStore)));
      // The copy decides like the original.
      const copy = new AggregateRepository(
        target.eventStore,
        target.snapshotStore,
        licenseAggregate,
        clock,
      );
      expect((await copy.load('a')).state).toEqual((await repo.load('a')).state);
    } finally {
      await target.eventStore.close();
      await server.stop();
      await source.eventStore.close();
    }
  });
});
