import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock } from '@lic/clock';
import { openSqliteEventStore } from './open-sqlite-event-store';

describe('SQLite event store settings', () => {
  it('reports the settings SQLite runs it with: WAL, and synchronous=FULL unless asked otherwise', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sqlite-settings-'));
    try {
      const full = openSqliteEventStore({ file: join(dir, 'a.db'), clock: fixedClock(0) });
      const normal = openSqliteEventStore({
        file: join(dir, 'b.db'),
        clock: fixedClock(0),
        synchronous: 'NORMAL',
      });
      expect(full.settings).toEqual({ journalMode: 'wal', synchronous: 'FULL' });
      expect(normal.settings).toEqual({ journalMode: 'wal', synchronous: 'NORMAL' });
      await full.eventStore.close();
      await normal.eventStore.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
