import { createHash } from 'node:crypto';
import type { JsonValue } from '@lic/signing';
import { linkOf } from '../chain-link';
import { ChainVerifier, type ChainReport } from '../chain-verifier';
import { verifyDetached, type Jwks } from '../seal/detached-jws';
import { sealedHeads, verifySeal, type Seal } from '../seal/seal';
import {
  EXPORT_FORMAT,
  type EventLine,
  type ExportFilter,
  type HeaderLine,
  type ManifestLine,
} from './export-format';

export interface ExportVerdict {
  readonly intact: boolean;
  /** What does not verify, the first broken thing first, each naming where and what. */
  readonly problems: readonly string[];
  readonly filter: ExportFilter | null;
  readonly exportedAt: string | null;
  /** The keys the export carries (checked against only when no JWKS was pinned). */
  readonly embeddedJwks: Jwks | null;
  readonly seals: {
    readonly total: number;
    readonly valid: number;
    readonly kids: readonly string[];
  };
  readonly chain: ChainReport;
  /** The exported events (not seals), in file order, for an as-of reconstruction. */
  readonly events: readonly EventLine[];
}

const chainEventOf = (e: EventLine) => ({
  streamName: e.stream,
  revision: BigInt(e.revision),
  type: e.type,
  data: e.data,
  metadata: e.metadata,
});

const isEventLine = (v: Record<string, unknown>): boolean =>
  typeof v.stream === 'string' &&
  typeof v.revision === 'string' &&
  /^\d{1,20}$/.test(v.revision) &&
  typeof v.position === 'string' &&
  typeof v.type === 'string' &&
  typeof v.data === 'object' &&
  v.data !== null &&
  typeof v.metadata === 'object' &&
  v.metadata !== null &&
  typeof v.recordedAt === 'string';

/**
 * Verifies an export with nothing but the file and the server's public keys (JWKS): the
 * manifest's signature and digest (nothing added, removed or changed after it was signed),
 * every seal's Merkle root and signature, every chain link, and that every head a seal vouches
 * for is in the history as recorded (a rewrite or truncation before a seal is named).
 */
export const verifyExport = async (
  lines: AsyncIterable<string> | Iterable<string>,
  pinned: Jwks | null,
): Promise<ExportVerdict> => {
  let jwks: Jwks = pinned ?? { keys: [] };
  const problems: string[] = [];
  const digest = createHash('sha256');
  const chain = new ChainVerifier();
  const events: EventLine[] = [];
  const kids = new Set<string>();
  let header: HeaderLine | null = null;
  let manifest: ManifestLine | null = null;
  let counts = { events: 0, seals: 0, valid: 0 };
  let n = 0;
  for await (const raw of lines) {
    n++;
    if (raw.length === 0) continue;
    if (manifest !== null) {
      problems.push(`line ${n}: content after the manifest (appended after signing)`);
      break;
    }
    let value: Record<string, unknown>;
    try {
      value = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      problems.push(`line ${n}: not JSON`);
      digest.update(`${raw}\n`, 'utf8');
      continue;
    }
    if (value.kind === 'manifest') {
      manifest = value as unknown as ManifestLine;
      continue;
    }
    digest.update(`${raw}\n`, 'utf8');
    if (n === 1) {
      if (value.kind !== 'header' || value.format !== EXPORT_FORMAT) {
        problems.push(`line 1: not a ${EXPORT_FORMAT} header`);
      } else {
        header = value as unknown as HeaderLine;
        if (pinned === null) jwks = header.jwks as Jwks;
      }
      continue;
    }
    if ((value.kind !== 'event' && value.kind !== 'seal') || !isEventLine(value)) {
      problems.push(`line ${n}: neither an event nor a seal line`);
      continue;
    }
    const line = value as unknown as EventLine;
    const event = chainEventOf(line);
    if (line.kind === 'seal') {
      counts = { ...counts, seals: counts.seals + 1 };
      const check = await verifySeal(line.data, jwks);
      if (!check.valid) {
        problems.push(`seal ${line.stream}@${line.revision} (line ${n}): ${check.reason}`);
      } else {
        counts = { ...counts, valid: counts.valid + 1 };
        kids.add(check.kid);
        for (const s of sealedHeads(line.data as unknown as Seal)) {
          if (covers(header?.filter, s.stream)) chain.expect(s.stream, s.head);
        }
      }
    } else {
      counts = { ...counts, events: counts.events + 1 };
      events.push(line);
    }
    seedMidway(chain, event);
    chain.add(event);
  }
  const filter = header?.filter ?? null;
  const report = chain.report({
    cutTail: filter?.to !== undefined,
    cutStreams: filter?.from !== undefined || filter?.license !== undefined,
  });
  const chainProblems = report.breaks.map(
    (b) => `${b.stream}@${b.revision} ${b.kind}: ${b.detail}`,
  );
  const manifestProblems = await checkManifest(manifest, digest.digest('hex'), counts, jwks);
  const all = [...chainProblems, ...problems, ...manifestProblems];
  return {
    intact: all.length === 0,
    problems: all,
    filter,
    exportedAt: header?.exportedAt ?? null,
    embeddedJwks: (header?.jwks as Jwks | undefined) ?? null,
    seals: { total: counts.seals, valid: counts.valid, kids: [...kids] },
    chain: report,
    events,
  };
};

const covers = (filter: ExportFilter | undefined, stream: string): boolean =>
  filter?.license === undefined || stream === `license-${filter.license}`;

/** A stream exported from mid-way starts at the link its first event names. */
const seedMidway = (chain: ChainVerifier, event: ReturnType<typeof chainEventOf>): void => {
  if (chain.knows(event.streamName) || event.revision === 0n) return;
  const link = linkOf(event);
  if (link.kind === 'chained' && link.prev !== null) {
    chain.seed(event.streamName, { revision: event.revision - 1n, hash: link.prev });
  }
};

const checkManifest = async (
  manifest: ManifestLine | null,
  digest: string,
  counts: { events: number; seals: number },
  jwks: Jwks,
): Promise<string[]> => {
  if (manifest === null) return ['the manifest is missing (the file was cut short)'];
  const { signature, ...body } = manifest;
  const problems: string[] = [];
  const signed = await verifyDetached(body as unknown as JsonValue, String(signature), jwks);
  if (!signed.valid) problems.push(`manifest signature: ${signed.reason}`);
  if (body.digest !== digest) {
    problems.push(
      `manifest digest: the lines before it hash to ${digest}, the manifest signed ${String(body.digest)} (lines were changed, added or removed)`,
    );
  }
  if (body.events !== counts.events || body.seals !== counts.seals) {
    problems.push(
      `manifest counts: ${body.events} events and ${body.seals} seals signed, ${counts.events} and ${counts.seals} in the file`,
    );
  }
  return problems;
};
