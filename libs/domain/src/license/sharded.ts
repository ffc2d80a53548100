/**
 * A record split into a fixed number of shards by a hash of the key, so that an immutable
 * update copies one shard (about n/32 entries) instead of all n. Used for the parts of the
 * state that grow with traffic: idempotency keys, recently ended holders, site activations.
 */
export type Sharded<V> = Readonly<Record<string, Readonly<Record<string, V>>>>;

const SHARDS = 32;

/** FNV-1a, 32 bits. */
const hash = (s: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
};

export const shardOf = (key: string): string => (hash(key) % SHARDS).toString(36);

export const getIn = <V>(r: Sharded<V>, key: string): V | undefined => r[shardOf(key)]?.[key];

/** Sets key; while copying its shard, drops the entries `keep` rejects (pruning by age). */
export const putIn = <V>(
  r: Sharded<V>,
  key: string,
  value: V,
  keep: (v: V) => boolean = () => true,
): Sharded<V> => {
  const id = shardOf(key);
  const next: Record<string, V> = {};
  for (const [k, v] of Object.entries(r[id] ?? {})) if (keep(v)) next[k] = v;
  next[key] = value;
  return { ...r, [id]: next };
};

export const omitIn = <V>(r: Sharded<V>, key: string): Sharded<V> => {
  const id = shardOf(key);
  const shard = r[id];
  if (!shard || !(key in shard)) return r;
  const next: Record<string, V> = {};
  for (const [k, v] of Object.entries(shard)) if (k !== key) next[k] = v;
  return { ...r, [id]: next };
};

export const valuesIn = <V>(r: Sharded<V>): V[] =>
  Object.values(r).flatMap((s) => Object.values(s));

export const sizeOf = <V>(r: Sharded<V>): number =>
  Object.values(r).reduce((n, s) => n + Object.keys(s).length, 0);
