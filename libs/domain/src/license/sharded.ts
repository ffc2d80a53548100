/**
 * A record split in two levels by a hash of the key — 32 shards of 8 leaves — so that an
 * immutable update copies one path: the 32 shard slots, the shard's 8 leaf slots and one
 * leaf (about n/256 entries), instead of n/32. Used for the parts of the state that grow
 * with a license's machines and refusals: site activations, recent refusals. (Idempotency keys
 * and ended holders, which grow with traffic, are in the license's memory: license.memory.ts.)
 * At 20,000 entries a put copies about 120 slots and entries, where one level of 32 shards
 * copied 625.
 */
export type Sharded<V> = Readonly<
  Record<string, Readonly<Record<string, Readonly<Record<string, V>>>>>
>;

const SHARDS = 32;
/**
 * Leaves per shard. Stale entries are pruned when their leaf is next written, so more leaves
 * would keep them longer: 8 keeps a steady state under a day's retention (A3).
 */
const LEAVES = 8;

/** FNV-1a, 32 bits. */
const hash = (s: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
};

/** The shard and the leaf within it that hold `key`. */
export const shardOf = (key: string): readonly [string, string] => {
  const h = hash(key);
  return [(h % SHARDS).toString(36), (Math.floor(h / SHARDS) % LEAVES).toString(36)];
};

export const getIn = <V>(r: Sharded<V>, key: string): V | undefined => {
  const [shard, leaf] = shardOf(key);
  return r[shard]?.[leaf]?.[key];
};

/** Sets key; while copying its leaf, drops the entries `keep` rejects (pruning by age). */
export const putIn = <V>(
  r: Sharded<V>,
  key: string,
  value: V,
  keep: (v: V) => boolean = () => true,
): Sharded<V> => {
  const [shard, leaf] = shardOf(key);
  const next: Record<string, V> = {};
  for (const [k, v] of Object.entries(r[shard]?.[leaf] ?? {})) if (keep(v)) next[k] = v;
  next[key] = value;
  return { ...r, [shard]: { ...r[shard], [leaf]: next } };
};

export const omitIn = <V>(r: Sharded<V>, key: string): Sharded<V> => {
  const [shard, leaf] = shardOf(key);
  const entries = r[shard]?.[leaf];
  if (!entries || !(key in entries)) return r;
  const next: Record<string, V> = {};
  for (const [k, v] of Object.entries(entries)) if (k !== key) next[k] = v;
  return { ...r, [shard]: { ...r[shard], [leaf]: next } };
};

export const keysIn = <V>(r: Sharded<V>): string[] =>
  Object.values(r).flatMap((s) => Object.values(s).flatMap((l) => Object.keys(l)));

export const valuesIn = <V>(r: Sharded<V>): V[] =>
  Object.values(r).flatMap((s) => Object.values(s).flatMap((l) => Object.values(l)));

export const sizeOf = <V>(r: Sharded<V>): number =>
  Object.values(r).reduce(
    (n, s) => Object.values(s).reduce((m, l) => m + Object.keys(l).length, n),
    0,
  );
