import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { fixedClock } from '@lic/clock';
import { openSqliteEventStore, type RecordedEvent } from '@lic/event-store';
import { Metrics } from '@lic/observability';
import { writeChainedHistory } from '../../../../test/audit/support/chained-history';
import { changeOneByte } from '../../../../test/audit/support/stored-rows';
import { tamperSqliteFile } from '../../../../test/audit/support/tamper-sqlite';
import { ChainWatch } from './chain-watch';

const clock = fixedClock(Date.parse('2026-03-01T00:00:00.000Z'));

describe("the projector's chain watch", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'chain-watch-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const watchAfter = async (tamper: boolean, skip: number) => {
    const file = join(dir, 'events.db');
    const written = openSqliteEventStore({ file, clock });
    await writeChainedHistory(written, clock);
    await written.eventStore.close();
    if (tamper) tamperSqliteFile(file, changeOneByte('license-L1', 4n));
    const { eventStore } = openSqliteEventStore({ file, clock });
    const metrics = new Metrics('projector');
    const watch = new ChainWatch(eventStore, pino({ level: 'silent' }), metrics);
    const events: RecordedEvent[] = [];
    for await (const e of eventStore.readAll()) events.push(e);
    // A projector restarted from a checkpoint meets each stream mid-way.
    await watch.inspect(events.slice(skip, skip + 3));
    await watch.inspect(events.slice(skip + 3));
    await eventStore.close();
    return { status: watch.status(), metrics: await metrics.registry.metrics() };
  };

  it('stays silent over an intact history, even met mid-way after a checkpoint', async () => {
    const { status, metrics } = await watchAfter(false, 3);
    expect(status).toBeNull();
    expect(metrics).not.toMatch(/license_chain_breaks_total\{/);
  });

  it('names an altered event (status for readiness, and the metric)', async () => {
    const { status, metrics } = await watchAfter(true, 3);
    expect(status).toMatchObject({
      breaks: 1,
      first: { stream: 'license-L1', revision: '4', kind: 'content-changed' },
    });
    expect(metrics).toMatch(
      /license_chain_breaks_total\{kind="content-changed",app="projector"\} 1/,
    );
  });
});
