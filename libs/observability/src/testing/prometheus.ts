/** The value of the sample of `name` whose labels include `labels` (in any order). */
export const sample = (
  text: string,
  name: string,
  labels: Record<string, string> = {},
): number | null => {
  for (const line of text.split('\n')) {
    const m = /^(\w+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const has = Object.entries(labels).every(([k, v]) => (m[2] ?? '').includes(`${k}="${v}"`));
    if (has) return Number(m[3]);
  }
  return null;
};
