/** The NDJSON an auditor takes away: a header, the seals, the events, a signed manifest. */
export const EXPORT_FORMAT = 'license-server-audit-export/1';

export interface ExportFilter {
  /** Only this license's stream. */
  readonly license?: string;
  /** ISO-8601, inclusive: events decided at or after it. */
  readonly from?: string;
  /** ISO-8601, exclusive. */
  readonly to?: string;
}

export interface HeaderLine {
  readonly kind: 'header';
  readonly format: typeof EXPORT_FORMAT;
  readonly exportedAt: string;
  readonly filter: ExportFilter;
  /** The server's public keys when it exported: pin them with the verifier's --jwks. */
  readonly jwks: { readonly keys: readonly unknown[] };
}

/** One recorded event, as stored (revision and position as decimal strings). */
export interface EventLine {
  readonly kind: 'event' | 'seal';
  readonly stream: string;
  readonly revision: string;
  readonly position: string;
  readonly id: string;
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly recordedAt: string;
}

export interface ManifestBody {
  readonly kind: 'manifest';
  readonly format: typeof EXPORT_FORMAT;
  readonly exportedAt: string;
  readonly filter: ExportFilter;
  readonly events: number;
  readonly seals: number;
  /** SHA-256 (hex) of every byte of the file before the manifest line. */
  readonly digest: string;
}

export interface ManifestLine extends ManifestBody {
  /** Detached Ed25519 JWS over the canonical JSON of the body (every field but this one). */
  readonly signature: string;
}

export type ExportLine = HeaderLine | EventLine | ManifestLine;

/** The instant an event was decided: its chain `at`, else (before the chain) when recorded. */
export const decidedAt = (e: { metadata: object; recordedAt: string }): string => {
  const at = (e.metadata as { at?: unknown }).at;
  return typeof at === 'string' ? at : e.recordedAt;
};

export const inWindow = (instant: string, filter: ExportFilter): boolean => {
  const t = Date.parse(instant);
  return (
    (filter.from === undefined || t >= Date.parse(filter.from)) &&
    (filter.to === undefined || t < Date.parse(filter.to))
  );
};
