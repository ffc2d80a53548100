import { createHash, type Hash } from 'node:crypto';
import type { JsonValue } from '@lic/signing';
import { signDetached, type SealingKey } from '../seal/detached-jws';
import {
  EXPORT_FORMAT,
  type EventLine,
  type ExportFilter,
  type ManifestBody,
  type ManifestLine,
} from './export-format';

/** A recorded event as every store gives it back. */
export interface ExportedEvent {
  readonly id: string;
  readonly streamName: string;
  readonly revision: bigint;
  readonly position: bigint;
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly metadata: object;
  readonly recordedAt: string;
}

/**
 * Writes an export line by line (each ends with \n), keeping the digest and the counts the
 * manifest signs. Call header(), then seal() and event() in the order wanted, then manifest().
 */
export class ExportWriter {
  private readonly hash: Hash = createHash('sha256');
  private events = 0;
  private seals = 0;

  constructor(
    private readonly exportedAt: string,
    private readonly filter: ExportFilter,
    private readonly jwks: { readonly keys: readonly unknown[] },
  ) {}

  header(): string {
    return this.line({
      kind: 'header',
      format: EXPORT_FORMAT,
      exportedAt: this.exportedAt,
      filter: this.filter,
      jwks: this.jwks,
    });
  }

  event(e: ExportedEvent): string {
    this.events++;
    return this.line(toLine('event', e));
  }

  seal(e: ExportedEvent): string {
    this.seals++;
    return this.line(toLine('seal', e));
  }

  async manifest(key: SealingKey): Promise<string> {
    const body: ManifestBody = {
      kind: 'manifest',
      format: EXPORT_FORMAT,
      exportedAt: this.exportedAt,
      filter: this.filter,
      events: this.events,
      seals: this.seals,
      digest: this.hash.digest('hex'),
    };
    const signature = await signDetached(body as unknown as JsonValue, key);
    return `${JSON.stringify({ ...body, signature } satisfies ManifestLine)}\n`;
  }

  private line(value: unknown): string {
    const text = `${JSON.stringify(value)}\n`;
    this.hash.update(text, 'utf8');
    return text;
  }
}

const toLine = (kind: EventLine['kind'], e: ExportedEvent): EventLine => ({
  kind,
  stream: e.streamName,
  revision: e.revision.toString(10),
  position: e.position.toString(10),
  id: e.id,
  type: e.type,
  data: e.data,
  metadata: e.metadata as Readonly<Record<string, unknown>>,
  recordedAt: e.recordedAt,
});
