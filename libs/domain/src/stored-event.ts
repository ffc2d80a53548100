import * as E from 'fp-ts/Either';
import type * as t from 'io-ts';
import { LicenseEvent } from './license/license.events';
import { ProductEvent } from './product/product.events';
import { firstProblem } from './shared/problems';

/**
 * A stored event as this code reads it — the one decode point every reader goes through (the
 * command pipeline, the projector, the as-of fold, the audit export). One policy:
 * - `license` / `product`: an event of that stream's family, decoded by the codec its type
 *   names (stored events are never trusted blindly);
 * - `foreign`: a type this code does not know (another writer's): every fold skips it; the
 *   audit log keeps it;
 * - `undecodable`: a known type whose data does not decode — a defect. A fold stops there and
 *   names it (the pipeline will not decide, the as-of view will not show a history with a
 *   gap); the projector records it in the audit log and reports it (it never stalls on one).
 */
export type StoredEvent =
  | { readonly kind: 'license'; readonly event: LicenseEvent }
  | { readonly kind: 'product'; readonly event: ProductEvent }
  | { readonly kind: 'foreign'; readonly why: string }
  | { readonly kind: 'undecodable'; readonly why: string };

const byType = (codecs: readonly t.Mixed[]): ReadonlyMap<string, t.Mixed> =>
  new Map(codecs.map((codec) => [codec.name, codec]));

/** Each member codec is named after its event type (see license.events.ts). */
const licenseCodecs = byType(LicenseEvent.types);
const productCodecs = byType(ProductEvent.types);

/** License streams are `license-<id>`, product streams everything else the store gives. */
export const decodeStoredEvent = (streamName: string, type: string, data: unknown): StoredEvent => {
  const isLicense = streamName.startsWith('license-');
  const codec = (isLicense ? licenseCodecs : productCodecs).get(type);
  if (codec === undefined) return { kind: 'foreign', why: `unknown event type ${type}` };
  const decoded = codec.decode({ type, data });
  if (E.isLeft(decoded)) {
    return {
      kind: 'undecodable',
      why: `${type} does not decode: ${firstProblem(decoded.left, 'event')}`,
    };
  }
  return isLicense
    ? { kind: 'license', event: decoded.right as LicenseEvent }
    : { kind: 'product', event: decoded.right as ProductEvent };
};

/** What a fold of one aggregate's stream does with a stored event (see StoredEvent). */
export type Foldable<Ev> =
  | { readonly kind: 'event'; readonly event: Ev }
  | { readonly kind: 'skip'; readonly why: string }
  | { readonly kind: 'stop'; readonly why: string };

const foldableFrom =
  <Ev>(pick: (s: StoredEvent) => Ev | null) =>
  (streamName: string, type: string, data: unknown): Foldable<Ev> => {
    const stored = decodeStoredEvent(streamName, type, data);
    const event = pick(stored);
    if (event !== null) return { kind: 'event', event };
    if (stored.kind === 'undecodable') return { kind: 'stop', why: stored.why };
    return { kind: 'skip', why: 'why' in stored ? stored.why : `a ${stored.kind} event` };
  };

/** A license stream's stored event, for a fold. */
export const foldableLicenseEvent = foldableFrom<LicenseEvent>((s) =>
  s.kind === 'license' ? s.event : null,
);
/** A product stream's stored event, for a fold. */
export const foldableProductEvent = foldableFrom<ProductEvent>((s) =>
  s.kind === 'product' ? s.event : null,
);

/**
 * The same policy for a stream family of its own (e.g. the admin-tokens stream): a type the
 * union does not name is skipped, a named type that does not decode stops the fold.
 */
export const foldableOf =
  <Ev>(union: t.UnionType<t.Mixed[], Ev>) =>
  (_streamName: string, type: string, data: unknown): Foldable<Ev> => {
    const codec = byType(union.types).get(type);
    if (codec === undefined) return { kind: 'skip', why: `unknown event type ${type}` };
    const decoded = codec.decode({ type, data });
    return E.isRight(decoded)
      ? { kind: 'event', event: decoded.right as Ev }
      : { kind: 'stop', why: `${type} does not decode: ${firstProblem(decoded.left, 'event')}` };
  };
