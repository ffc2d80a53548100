import { Injectable } from '@nestjs/common';
import type { RefusalKind, RefusalReason } from '@lic/domain';

export interface TallyEntry {
  readonly licenseId: string;
  readonly kind: RefusalKind;
  readonly reason: RefusalReason;
  readonly count: number;
  readonly from: number;
  readonly to: number;
}

/**
 * Counts refusals the domain declined to record one by one (O5), until the flusher records
 * them as one RefusalsTallied event per license, kind and reason (U2).
 */
@Injectable()
export class RefusalTally {
  private entries = new Map<string, TallyEntry>();

  add(licenseId: string, kind: RefusalKind, reason: RefusalReason, at: number): void {
    this.merge({ licenseId, kind, reason, count: 1, from: at, to: at });
  }

  /** Hands over everything counted so far and starts afresh. */
  drain(): TallyEntry[] {
    const out = [...this.entries.values()];
    this.entries = new Map();
    return out;
  }

  /** Puts back entries whose recording failed, so nothing counted is lost. */
  restore(entries: readonly TallyEntry[]): void {
    entries.forEach((e) => this.merge(e));
  }

  private merge(entry: TallyEntry): void {
    const key = `${entry.licenseId}\u0000${entry.kind}\u0000${entry.reason}`;
    const e = this.entries.get(key);
    this.entries.set(
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
