import type { LicenseEvent, ProductEvent } from '@lic/domain';
import type { RecordedEvent } from '@lic/event-store';

/** The streams the read models are built from (subscribeToAll's streamPrefixes). */
export const PROJECTED_STREAM_PREFIXES: readonly string[] = ['license-', 'product-'];

/**
 * A recorded event as the projections see it: decoded with the domain's io-ts codec when its
 * type is known, else `other` (it still goes to the audit log, nowhere else).
 */
export type ProjectedEvent =
  | { readonly kind: 'license'; readonly recorded: RecordedEvent; readonly event: LicenseEvent }
  | { readonly kind: 'product'; readonly recorded: RecordedEvent; readonly event: ProductEvent }
  | {
      readonly kind: 'other';
      readonly recorded: RecordedEvent;
      readonly why: string;
      /** A known type whose data did not decode (not merely a type this version does not know). */
      readonly known: boolean;
    };

export type LicenseProjected = Extract<ProjectedEvent, { kind: 'license' }>;
