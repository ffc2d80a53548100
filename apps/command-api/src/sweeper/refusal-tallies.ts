import { performance } from 'node:perf_hooks';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AggregateRepository } from '@lic/command-pipeline';
import {
  toIso,
  type LicenseCommand,
  type LicenseEvent,
  type LicenseState,
  type SuppressedRefusal,
} from '@lic/domain';
import { metadataOf } from '../commands/request-context';
import { LICENSE_REPOSITORY } from '../infrastructure/tokens';
import { systemContext } from './system-context';

/** A license's tallies are appended at most this often. */
export const TALLY_INTERVAL_MS = 1000;

interface Entry {
  readonly refusal: SuppressedRefusal;
  readonly count: number;
  readonly from: number;
  readonly to: number;
}

interface LicenseTallies {
  entries: Map<string, Entry>;
  timer: NodeJS.Timeout | null;
  inFlight: Promise<void> | null;
  /** performance.now() of the last append started. */
  lastAppend: number;
}

/**
 * U2: the refusals the domain declined to record one by one (O5) — each decision says what to
 * tally — are coalesced per license and appended as RefusalsTallied.v1 through the license
 * repository directly, at most once a second per license (the first at once), and at
 * shutdown. A refusal is counted in memory only until the next append: a SIGKILL loses at
 * most the refusals of the last second (test/resilience/refusal-tallies.spec.ts).
 */
@Injectable()
export class RefusalTallies {
  private readonly logger = new Logger('refusal-tally');
  private readonly licenses = new Map<string, LicenseTallies>();
  private stopping = false;

  constructor(
    @Inject(LICENSE_REPOSITORY)
    private readonly repository: AggregateRepository<LicenseCommand, LicenseEvent, LicenseState>,
  ) {}

  add(licenseId: string, refusal: SuppressedRefusal, at: number): void {
    const tallies = this.licenses.get(licenseId) ?? {
      entries: new Map<string, Entry>(),
      timer: null,
      inFlight: null,
      lastAppend: -Infinity,
    };
    this.licenses.set(licenseId, tallies);
    this.merge(tallies, { refusal, count: 1, from: at, to: at });
    if (tallies.timer === null && tallies.inFlight === null) this.tick(licenseId, tallies);
  }

  /** Refusals counted and not yet appended (tests and metrics). */
  pending(): number {
    let n = 0;
    for (const t of this.licenses.values()) for (const e of t.entries.values()) n += e.count;
    return n;
  }

  /** Appends everything still counted; called by Lifecycle at shutdown. */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const [id, tallies] of this.licenses) {
      if (tallies.timer) clearTimeout(tallies.timer);
      tallies.timer = null;
      await tallies.inFlight;
      await this.append(id, tallies);
    }
  }

  /** Appends now if the last append is a second old, else when it is; forgets idle licenses. */
  private tick(licenseId: string, tallies: LicenseTallies): void {
    if (this.stopping) return;
    const wait = tallies.lastAppend + TALLY_INTERVAL_MS - performance.now();
    if (wait <= 0 && tallies.entries.size === 0) {
      this.licenses.delete(licenseId);
      return;
    }
    if (wait <= 0) {
      void this.append(licenseId, tallies);
      return;
    }
    tallies.timer = setTimeout(() => {
      tallies.timer = null;
      this.tick(licenseId, tallies);
    }, wait);
    tallies.timer.unref();
  }

  private async append(licenseId: string, tallies: LicenseTallies): Promise<void> {
    if (tallies.entries.size === 0) return;
    const entries = [...tallies.entries.values()];
    tallies.entries = new Map();
    tallies.lastAppend = performance.now();
    const context = systemContext('refusal-tally');
    tallies.inFlight = this.repository
      .handle(
        licenseId,
        {
          type: 'TallyRefusals',
          licenseId,
          actor: context.actor,
          tallies: entries.map((e) => ({
            kind: e.refusal.kind,
            reason: e.refusal.reason,
            count: e.count,
            from: toIso(e.from),
            to: toIso(e.to),
          })),
        },
        metadataOf(context),
      )
      .then(
        () => undefined,
        (error: unknown) => {
          const count = entries.reduce((n, e) => n + e.count, 0);
          this.logger.error(
            `cannot record ${count} tallied refusals of license ${licenseId}; will retry: ${String(error)}`,
          );
          for (const e of entries) this.merge(tallies, e);
        },
      )
      .finally(() => {
        tallies.inFlight = null;
        this.tick(licenseId, tallies);
      });
    await tallies.inFlight;
  }

  private merge(tallies: LicenseTallies, entry: Entry): void {
    const key = `${entry.refusal.kind}:${entry.refusal.reason}`;
    const e = tallies.entries.get(key);
    tallies.entries.set(
      key,
      e
        ? {
            ...e,
            count: e.count + entry.count,
            from: Math.min(e.from, entry.from),
            to: Math.max(e.to, entry.to),
          }
        : entry,
    );
  }
}
