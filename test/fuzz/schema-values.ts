import { hostileNumbers, hostileStrings, type Random } from './random';

/** A JSON Schema as the OpenAPI documents carry it (only the keywords the fuzzer reads). */
export interface Schema {
  readonly type?: string;
  readonly properties?: Record<string, Schema>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | Schema;
  readonly items?: Schema;
  readonly maxItems?: number;
  readonly enum?: readonly string[];
  readonly const?: unknown;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly format?: string;
  readonly nullable?: boolean;
  readonly oneOf?: readonly Schema[];
  readonly allOf?: readonly Schema[];
  readonly description?: string;
}

/** Realistic values by field name, so valid-ish requests reach the domain. */
export type Pools = (field: string) => readonly unknown[] | undefined;

const matchingString = (r: Random, s: Schema): string => {
  const max = Math.min(s.maxLength ?? 24, 24);
  const min = Math.min(s.minLength ?? 1, max);
  const length = r.int(Math.max(1, min), Math.max(1, max));
  if (s.pattern?.startsWith('^[A-Z]{2}')) return r.word(2, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ');
  if (s.pattern?.startsWith('^[0-9a-f]{64}')) return r.word(64, '0123456789abcdef');
  if (s.pattern?.startsWith('^llt_')) return `llt_${r.word(length)}`;
  if (s.format === 'date-time') return new Date(1_767_225_600_000 + r.int(0, 1e10)).toISOString();
  return r.word(length);
};

/** A value the schema accepts (or very nearly: patterns are approximated). */
export const validValue = (r: Random, s: Schema, pools: Pools, field = ''): unknown => {
  const pool = pools(field);
  if (pool && pool.length > 0 && r.chance(0.8)) return r.pick(pool);
  if (s.nullable && r.chance(0.1)) return null;
  if (s.oneOf) return validValue(r, r.pick(s.oneOf), pools, field);
  if (s.allOf) return Object.assign({}, ...s.allOf.map((m) => validValue(r, m, pools, field)));
  if (s.const !== undefined) return s.const;
  if (s.enum) return r.pick(s.enum);
  switch (s.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(s.properties ?? {})) {
        if (s.required?.includes(k) || r.chance(0.5)) out[k] = validValue(r, v, pools, k);
      }
      return out;
    }
    case 'array':
      return Array.from({ length: r.int(0, Math.min(3, s.maxItems ?? 3)) }, () =>
        validValue(r, s.items ?? {}, pools, field),
      );
    case 'integer': {
      const min = s.minimum ?? 0;
      const max = s.maximum ?? 1000;
      return r.pick([min, max, r.int(min, Math.min(max, min + 100))]);
    }
    case 'number':
      return r.int(0, 1000);
    case 'boolean':
      return r.chance(0.5);
    case 'string':
      return matchingString(r, s);
    default:
      return r.word(8);
  }
};

/** Just past each limit the schema states. */
const pastLimits = (s: Schema): unknown[] => [
  ...(s.maximum !== undefined ? [s.maximum + 1] : []),
  ...(s.minimum !== undefined ? [s.minimum - 1] : []),
  ...(s.maxLength !== undefined ? ['y'.repeat(s.maxLength + 1)] : []),
  ...(s.maxItems !== undefined ? [Array.from({ length: s.maxItems + 1 }, () => 'u')] : []),
  ...(s.enum ? [`${s.enum[0] ?? ''}-not`] : []),
];

/** A value that should be refused: past a limit, the wrong type, hostile text, junk. */
export const hostileValue = (r: Random, s: Schema): unknown => {
  const choices: unknown[] = [
    ...pastLimits(s),
    ...hostileNumbers,
    ...hostileStrings(r),
    { nested: { deeper: { deepest: [1, 2, 3] } } },
    JSON.parse('{"__proto__":{"polluted":true}}'),
  ];
  return r.pick(choices);
};

/** The object with one thing wrong (or several): a hostile field, an unknown one, one missing. */
export const mutate = (r: Random, s: Schema, value: unknown, pools: Pools): unknown => {
  if (s.oneOf) return mutate(r, r.pick(s.oneOf), value, pools);
  if (s.type !== 'object' || typeof value !== 'object' || value === null || Array.isArray(value)) {
    return hostileValue(r, s);
  }
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  const props = Object.entries(s.properties ?? {});
  const mutations = r.int(1, 2);
  for (let i = 0; i < mutations; i++) {
    const what = r.int(0, 4);
    const [key, sub] = props.length > 0 ? r.pick(props) : ['x', {}];
    if (what === 0) out[key] = hostileValue(r, sub);
    else if (what === 1)
      out[r.pick(['expires_at', 'machines', 'extra', '__proto__', 'Fingerprint'])] = r.word(3);
    else if (what === 2) delete out[key];
    else if (what === 3 && sub.type === 'object')
      out[key] = mutate(r, sub, validValue(r, sub, pools, key), pools);
    else out[key] = pastLimits(sub)[0] ?? hostileValue(r, sub);
  }
  return out;
};
