import * as E from 'fp-ts/Either';
import type * as t from 'io-ts';
import { LicenseEvent } from './license/license.events';
import { licenseUpcasters } from './license/license.upcasters';
import { ProductEvent } from './product/product.events';
import { firstProblem } from './shared/problems';
import { upcast, upcasters, type StoredShape, type Upcasters } from './shared/upcasting';

/**
 * A stored event as this code reads it — the one decode point every reader goes through (the
 * command pipeline, the projector, the as-of fold, the audit export's verifier). An event of
 * an older version is first decoded by that version's codec and upcast, step by step, to the
 * current one (license.upcasters.ts), so every reader sees current versions only. One policy:
 * - `license` / `product`: an event of that stream's family in its current version, decoded by
 *   the codec its type names (stored events are never trusted blindly);
 * - `foreign`: a type this code does not know (another writer's): every fold skips it; the
 *   audit log keeps it;
 * - `undecodable`: a known type (current or older) whose data does not decode, before or after
 *   its upcast — a defect. A fold stops there and names it (the pipeline will not decide, the
 *   as-of view will not show a history with a gap); the projector records it in the audit log
 *   and reports it (it never stalls on one).
 */
export type StoredEvent =
  | { readonly kind: 'license'; readonly event: LicenseEvent }
  | { readonly kind: 'product'; readonly event: ProductEvent }
  | { readonly kind: 'foreign'; readonly why: string }
  | { readonly kind: 'undecodable'; readonly why: string };

const byType = (codecs: readonly t.Mixed[]): ReadonlyMap<string, t.Mixed> =>
  new Map(codecs.map((codec) => [codec.name, codec]));

/** A stream family: its current events' codecs by type, and the upcasters of its older ones. */
interface Family {
  readonly codecs: ReadonlyMap<string, t.Mixed>;
  readonly upcasters: Upcasters;
}

/** Each member codec is named after its event type (see license.events.ts). */
const familyOf = (codecs: readonly t.Mixed[], steps: Upcasters): Family => {
  const family = { codecs: byType(codecs), upcasters: steps };
  for (const from of steps.keys()) {
    if (family.codecs.has(from)) throw new Error(`an upcaster reads the current type ${from}`);
  }
  return family;
};

type Read =
  | { readonly kind: 'event'; readonly event: unknown }
  | { readonly kind: 'foreign' | 'undecodable'; readonly why: string };

const decodeWith = (codec: t.Mixed, stored: StoredShape): Read => {
  const decoded = codec.decode(stored);
  return E.isRight(decoded)
    ? { kind: 'event', event: decoded.right }
    : {
        kind: 'undecodable',
        why: `${stored.type} does not decode: ${firstProblem(decoded.left, 'event')}`,
      };
};

/**
 * A current type is decoded by its codec; an older one is upcast to the current version
 * first (its upcasters decode it with its own codec on the way), then decoded the same way.
 */
const read = ({ codecs, upcasters: steps }: Family, type: string, data: unknown): Read => {
  const codec = codecs.get(type);
  if (codec !== undefined) return decodeWith(codec, { type, data });
  if (!steps.has(type)) return { kind: 'foreign', why: `unknown event type ${type}` };
  const current = upcast(steps, { type, data });
  if (E.isLeft(current)) return { kind: 'undecodable', why: current.left };
  const next = codecs.get(current.right.type);
  return next === undefined
    ? { kind: 'undecodable', why: `${type} upcasts to unknown ${current.right.type}` }
    : decodeWith(next, current.right);
};

const licenses = familyOf(LicenseEvent.types, licenseUpcasters);
const products = familyOf(ProductEvent.types, upcasters());

/** License streams are `license-<id>`, product streams everything else the store gives. */
export const decodeStoredEvent = (streamName: string, type: string, data: unknown): StoredEvent => {
  const isLicense = streamName.startsWith('license-');
  const stored = read(isLicense ? licenses : products, type, data);
  if (stored.kind !== 'event') return stored;
  return isLicense
    ? { kind: 'license', event: stored.event as LicenseEvent }
    : { kind: 'product', event: stored.event as ProductEvent };
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
 * The same policy for a stream family of its own (e.g. the admin-tokens stream), with the
 * upcasters of its older events, where it has some: a type neither names is skipped, a named type
 * that does not decode stops the fold.
 */
export const foldableOf = <Ev>(
  union: t.UnionType<t.Mixed[], Ev>,
  steps: Upcasters = upcasters(),
): ((streamName: string, type: string, data: unknown) => Foldable<Ev>) => {
  const family = familyOf(union.types, steps);
  return (_streamName, type, data) => {
    const stored = read(family, type, data);
    if (stored.kind === 'event') return { kind: 'event', event: stored.event as Ev };
    return { kind: stored.kind === 'foreign' ? 'skip' : 'stop', why: stored.why };
  };
};
