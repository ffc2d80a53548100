/** Small immutable helpers for the Record-shaped parts of the state. */
export const put = <V>(r: Readonly<Record<string, V>>, k: string, v: V): Record<string, V> => ({
  ...r,
  [k]: v,
});

export const omit = <V>(r: Readonly<Record<string, V>>, k: string): Record<string, V> => {
  if (!(k in r)) return r as Record<string, V>;
  const { [k]: _gone, ...rest } = r;
  return rest;
};

/** Keeps entries whose time (per `at`) is at or after the cutoff. */
export const pruneBefore = <V>(
  r: Readonly<Record<string, V>>,
  cutoff: number,
  at: (v: V) => number,
): Record<string, V> => {
  const out: Record<string, V> = {};
  for (const [k, v] of Object.entries(r)) if (at(v) >= cutoff) out[k] = v;
  return out;
};

export const valuesOf = <V>(r: Readonly<Record<string, V>>): V[] => Object.values(r);
