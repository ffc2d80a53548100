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

/** The sum of every sample of `name` (all label sets); 0 when there is none. */
export const total = (text: string, name: string): number =>
  text
    .split('\n')
    .map((line) => /^(\w+)(?:\{.*\})? (\S+)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null && m[1] === name)
    .reduce((sum, m) => sum + Number(m[2]), 0);

/** Decisions a command API took again after a conflict (license_command_conflict_retries_total). */
export const retriesAt = async (baseUrl: string): Promise<number> =>
  total(await (await fetch(`${baseUrl}/metrics`)).text(), 'license_command_conflict_retries_total');
