import Database from 'better-sqlite3';
import { fixedClock } from '@lic/clock';
import { WrongExpectedRevisionError, type NewEvent } from '../event-store.port';
import { appendInTransaction } from './sqlite-append';
import { SqliteEventsTable } from './sqlite-events-table';
import { prepareDatabase } from './sqlite-schema';
import { GroupCommit } from './group-commit';

const event = (id: string): NewEvent => ({
  id,
  type: 'Noted.v1',
  data: { id },
  metadata: { correlationId: 'c', causationId: null, actor: 'system:test' },
});

describe('group commit', () => {
  const setUp = () => {
    const db = new Database(':memory:');
    prepareDatabase(db, 1000);
    const table = new SqliteEventsTable(db);
    let commits = 0;
    const group = new GroupCommit(
      db,
      ({ streamName, events, expected }) =>
        appendInTransaction(table, fixedClock(0), streamName, events, expected),
      () => commits++,
    );
    return { db, group, commits: () => commits };
  };

  it('F4: concurrent appends share one commit, each with its own revision check', async () => {
    const { db, group, commits } = setUp();
    const results = await Promise.allSettled([
      ...Array.from({ length: 50 }, (_, i) =>
        group.append({ streamName: `s-${i}`, events: [event(`e-${i}`)], expected: 'no_stream' }),
      ),
      group.append({ streamName: 's-0', events: [event('late')], expected: 'no_stream' }),
      group.append({ streamName: 's-1', events: [event('next')], expected: 0n }),
    ]);
    expect(commits()).toBe(1);
    expect(results.slice(0, 50).every((r) => r.status === 'fulfilled')).toBe(true);
    const conflict = results[50];
    expect(conflict?.status === 'rejected' && conflict.reason).toBeInstanceOf(
      WrongExpectedRevisionError,
    );
    expect(results[51]).toMatchObject({ status: 'fulfilled', value: { nextExpectedRevision: 1n } });
    const count = db.prepare('select count(*) as n from events').get() as { n: number };
    expect(count.n).toBe(51);
    db.close();
  });

  it('A1: an append is acknowledged only after the commit that holds it', async () => {
    const { db, group } = setUp();
    const pending = group.append({ streamName: 's', events: [event('x')], expected: 'any' });
    // Not yet flushed: nothing is visible, and nothing has been acknowledged.
    expect((db.prepare('select count(*) as n from events').get() as { n: number }).n).toBe(0);
    await expect(pending).resolves.toMatchObject({ nextExpectedRevision: 0n });
    expect((db.prepare('select count(*) as n from events').get() as { n: number }).n).toBe(1);
    db.close();
  });
});
