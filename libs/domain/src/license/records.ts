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

export const valuesOf = <V>(r: Readonly<Record<string, V>>): V[] => Object.values(r);
