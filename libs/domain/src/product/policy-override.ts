import * as t from 'io-ts';
import { Policy, defaultFloating, defaultSessions } from './policy';

type DeepPartial<T> = T extends object ? { readonly [K in keyof T]?: DeepPartial<T[K]> } : T;
/** Some fields of a policy, at any depth: what an admin changes on top of a preset. */
export type PolicyOverride = DeepPartial<Policy>;

/** The same codec with every field optional, in nested objects too; bounds stay as they are. */
const deepPartial = (codec: t.Mixed): t.Mixed => {
  if (codec instanceof t.InterfaceType) {
    const props = codec.props as t.Props;
    return t.partial(
      Object.fromEntries(Object.entries(props).map(([k, v]) => [k, deepPartial(v as t.Mixed)])),
      `${codec.name} (any fields)`,
    );
  }
  if (codec instanceof t.UnionType)
    return t.union((codec.types as t.Mixed[]).map(deepPartial) as [t.Mixed, t.Mixed]);
  return codec;
};

export const PolicyOverride = deepPartial(Policy) as t.Type<PolicyOverride, unknown, unknown>;

const isRecord = (u: unknown): u is Record<string, unknown> =>
  typeof u === 'object' && u !== null && !Array.isArray(u);

/** An overlay a base policy lacks starts from its defaults when an override sets part of it. */
const overlayDefaults: Readonly<Record<string, unknown>> = {
  floating: defaultFloating,
  sessions: defaultSessions,
};

const merge = (base: unknown, override: unknown, key: string | null): unknown => {
  if (override === undefined) return base;
  if (!isRecord(override)) return override;
  const from = isRecord(base) ? base : key === null ? {} : (overlayDefaults[key] ?? {});
  const out: Record<string, unknown> = { ...(from as Record<string, unknown>) };
  for (const [k, v] of Object.entries(override)) out[k] = merge(out[k], v, k);
  return out;
};

/**
 * A preset with an admin's override merged in, deep: `{"floating": {"maxFloatingUsers": 5}}`
 * changes that one number and keeps the preset's timeout; `{"sessions": null}` removes an
 * overlay. Never drops a field: the result still has to decode as a Policy (the caller checks,
 * naming any field out of bounds) and pass validatePolicy.
 */
export const applyOverride = (base: Policy, override: PolicyOverride): unknown =>
  merge(base, override, null);
