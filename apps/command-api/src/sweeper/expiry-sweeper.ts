import { setImmediate as nextTurn } from 'node:timers/promises';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { AggregateRepository } from '@lic/command-pipeline';
import type { Clock } from '@lic/clock';
import type { Config } from '@lic/config';
import {
  nextDeadline,
  type LicenseCommand,
  type LicenseEvent,
  type LicenseState,
} from '@lic/domain';
import type { EventPlace, EventStore, SnapshotStore, Subscription } from '@lic/event-store';
import { SettleOverdueCommand } from '../commands/housekeeping/settle-overdue.command';
import {
  CLOCK,
  CONFIG,
  EVENT_STORE,
  LICENSE_REPOSITORY,
  SNAPSHOT_STORE,
} from '../infrastructure/tokens';
import { loadSweeperCheckpoint, saveSweeperCheckpoint } from './sweeper-checkpoint';
import { systemContext } from './system-context';

const PREFIX = 'license-';
/** Passes between two checkpoint saves (and one at stop). */
const PASSES_PER_CHECKPOINT = 10;
/**
 * How long the subscription lets commits gather before it reads their places (at most half a
 * sweep interval). Under load that is one read per 50 ms instead of one per group commit, each
 * on a page cache the writer thread's commit has just made stale; a pass sees a change at most
 * that much later, and the next pass runs anyway.
 */
const GATHER_MS = 50;
/** At stop, the most events read past what the subscription handed over (the rest: next start). */
const REST_MAX = 10_000;
/**
 * Licenses a pass looks at between two turns of the event loop. A license the pass finds in
 * memory is looked at without any I/O: without a turn now and then, a pass over a fleet whose
 * licenses all moved would hold up every request for all of it (2,000 licenses: 15 ms).
 */
const LICENSES_PER_TURN = 256;

/**
 * Records expiries after their deadlines (F5 LeaseExpired, S2/S3 SessionClosed, O7
 * LicenseExpired). Never needed for a seat decision: a stale holder already counts as free.
 * Safe with several instances: a second sweep of the same deadline decides nothing, and
 * concurrent ones are serialized by the expected revision.
 *
 * It learns which licenses to watch from a subscription to the store (every license stream),
 * and their next deadline from the domain (nextDeadline of the current state). It starts from
 * its checkpoint (sweeper-checkpoint.ts): the licenses it watched and the position it had read
 * to, so a restart reads only what came after instead of the whole of `$all`.
 */
@Injectable()
export class ExpirySweeper implements OnApplicationBootstrap {
  private readonly logger = new Logger('expiry-sweeper');
  private readonly deadlines = new Map<string, number>();
  /** Licenses that moved, with the latest revision seen (null: unknown, read the store). */
  private readonly dirty = new Map<string, bigint | null>();
  private subscription: Subscription<EventPlace> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  /** Position of the last event read; where the subscription started. */
  private position: bigint | null = null;
  private startedAfter: bigint | null = null;
  private saved: bigint | null = null;
  private passes = 0;
  /** Licenses that failed to load: still watched by the checkpoint. */
  private readonly unloadable = new Set<string>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LICENSE_REPOSITORY)
    private readonly licenses: AggregateRepository<LicenseCommand, LicenseEvent, LicenseState>,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CONFIG) private readonly config: Config,
    private readonly commands: CommandBus,
    @Inject(SNAPSHOT_STORE) private readonly snapshots: SnapshotStore,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const checkpoint = await this.loadCheckpoint();
    if (checkpoint !== null) {
      for (const id of checkpoint.licenses) this.dirty.set(id, null);
      this.position = this.saved = this.startedAfter = checkpoint.position;
    }
    // Which licenses moved is all it needs: their events' content is never read here.
    this.subscription = this.store.subscribeToPlaces({
      streamPrefixes: [PREFIX],
      gatherMs: Math.min(GATHER_MS, Math.floor(this.config.SWEEP_INTERVAL_MS / 2)),
      ...(checkpoint === null ? {} : { after: checkpoint.position }),
    });
    void this.follow(this.subscription);
    this.timer = setInterval(() => void this.sweep(), this.config.SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  /** Where the subscription started (null: the beginning of `$all`), and how many it watches. */
  status(): { readonly startedAfter: bigint | null; readonly watching: number } {
    return { startedAfter: this.startedAfter, watching: this.deadlines.size + this.dirty.size };
  }

  /** Stops sweeping; called by Lifecycle at shutdown. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.subscription?.close();
    await this.running;
    await this.readRest();
    await this.saveCheckpoint();
  }

  /** One pass: refresh the deadlines of licenses that changed, then settle those that are due. */
  sweep(): Promise<void> {
    this.running ??= this.pass().finally(() => (this.running = null));
    return this.running;
  }

  private async follow(subscription: Subscription<EventPlace>): Promise<void> {
    try {
      for await (const event of subscription) this.saw(event);
    } catch (error) {
      this.logger.error(`subscription ended: ${String(error)}`);
    }
  }

  /**
   * What the subscription had not handed over when it was closed (it lets commits gather for
   * up to GATHER_MS before it reads), so that the last checkpoint covers them too.
   */
  private async readRest(): Promise<void> {
    try {
      const rest = this.store.readAll({ after: this.position ?? 0n, maxCount: REST_MAX });
      for await (const event of rest) this.saw(event);
    } catch (error) {
      this.logger.error(`cannot read past the subscription at stop: ${String(error)}`);
    }
  }

  private saw(event: EventPlace): void {
    if (!event.streamName.startsWith(PREFIX)) return;
    const id = event.streamName.slice(PREFIX.length);
    // Places come in position order, so this is the stream's latest revision seen. A license
    // restored from the checkpoint (null) is read from the store whatever was seen since.
    if (this.dirty.get(id) !== null) this.dirty.set(id, event.revision);
    this.position = event.position;
  }

  private async pass(): Promise<void> {
    const changed = [...this.dirty];
    this.dirty.clear();
    let looked = 0;
    for (const [id, revision] of changed) {
      if (++looked % LICENSES_PER_TURN === 0) await nextTurn();
      try {
        // The state this process already holds, when it is at least as new as what was seen.
        const loaded =
          revision === null
            ? await this.licenses.load(id)
            : await this.licenses.loadAtLeast(id, revision);
        this.track(id, loaded.state);
        this.unloadable.delete(id);
      } catch (error) {
        this.unloadable.add(id);
        this.logger.error(`cannot load license ${id}: ${String(error)}`);
      }
    }
    const now = this.clock.now();
    for (const [id, deadline] of this.deadlines) {
      if (++looked % LICENSES_PER_TURN === 0) await nextTurn();
      if (deadline > now) continue;
      const context = systemContext('expiry-sweeper');
      try {
        await this.commands.execute(new SettleOverdueCommand({ licenseId: id }, context));
        this.track(id, (await this.licenses.peek(id)).state);
      } catch (error) {
        this.logger.error(`cannot settle license ${id}: ${String(error)}`);
      }
    }
    if (++this.passes % PASSES_PER_CHECKPOINT === 0) await this.saveCheckpoint();
  }

  private async loadCheckpoint() {
    try {
      return await loadSweeperCheckpoint(this.snapshots);
    } catch (error) {
      this.logger.error(`cannot read the checkpoint; reading from the start: ${String(error)}`);
      return null;
    }
  }

  /**
   * Taken in one synchronous step: every license of an event up to `position` is tracked (in
   * `deadlines` if it has one), still `dirty`, or unloadable.
   */
  private async saveCheckpoint(): Promise<void> {
    const position = this.position;
    if (position === null || position === this.saved) return;
    const licenses = [
      ...new Set([...this.deadlines.keys(), ...this.dirty.keys(), ...this.unloadable]),
    ];
    try {
      await saveSweeperCheckpoint(this.snapshots, { position, licenses });
      this.saved = position;
    } catch (error) {
      this.logger.error(`cannot save the checkpoint: ${String(error)}`);
    }
  }

  private track(id: string, state: LicenseState): void {
    const next = state.kind === 'issued' ? nextDeadline(state) : null;
    if (next === null) this.deadlines.delete(id);
    else this.deadlines.set(id, next);
  }
}
