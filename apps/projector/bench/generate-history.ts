import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { TestClock, SystemClock } from '@lic/clock';
import { openSqliteEventStore } from '@lic/event-store';
import { Presets, SingleBar } from 'cli-progress';
import { LicenseWorld } from '../../../test/read-side/support/license-world';
import { Workload, prng } from '../../../test/read-side/support/workload';
import { sourceHash } from '../../../test/bench/source-hash';

/**
 * What produced a cached history: the hash of this generator's source and of every source it
 * imports (the workload, the deciders, the event store). A change to any of them generates the
 * history again.
 */
const GENERATOR = `projection-bench:${sourceHash(['apps/projector/bench/generate-history.ts'])}`;
const START = Date.parse('2026-01-05T08:00:00.000Z');

interface Marker {
  readonly generator: string;
  readonly events: number;
  readonly position: string;
}

/**
 * A realistic history of `events` events in a SQLite event store file, cached beside a marker
 * (reruns reuse it): 500 licenses of four shapes driven through the domain's deciders — the
 * same path the command API takes — by a seeded workload, about one decision a second.
 */
export const cachedHistory = async (file: string, events: number): Promise<Marker> => {
  const markerFile = `${file}.json`;
  if (existsSync(file) && existsSync(markerFile)) {
    const marker = JSON.parse(readFileSync(markerFile, 'utf8')) as Marker;
    if (marker.generator === GENERATOR && marker.events >= events) return marker;
  }
  const partial = `${file}.partial`;
  for (const f of [partial, `${partial}-wal`, `${partial}-shm`]) rmSync(f, { force: true });
  const clock = new TestClock({ now: () => 0 }, START);
  const { eventStore } = openSqliteEventStore({ file: partial, clock });
  const world = new LicenseWorld(eventStore, clock);
  const workload = new Workload(world, prng(20260105), 1_000);
  const bar = new SingleBar(
    { format: 'generating |{bar}| {value}/{total} events | {rate} events/s', hideCursor: true },
    Presets.shades_classic,
  );
  const wall = new SystemClock();
  const started = wall.now();
  let written = 0;
  bar.start(events, 0, { rate: 0 });
  await workload.setUp(500);
  while (written < events) {
    written += await workload.run(1000);
    bar.update(Math.min(written, events), {
      rate: Math.round(written / ((wall.now() - started) / 1000)),
    });
  }
  bar.stop();
  let count = 0;
  for await (const _ of eventStore.readAll()) count++;
  const marker: Marker = {
    generator: GENERATOR,
    events: count,
    position: String(world.lastPosition),
  };
  await eventStore.close();
  for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
  renameSync(partial, file);
  writeFileSync(markerFile, `${JSON.stringify(marker, null, 2)}\n`);
  return marker;
};
