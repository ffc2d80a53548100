export interface Table {
  readonly title: string;
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

const cells = (line: string, bar: string): string[] =>
  line
    .trim()
    .slice(1, -1)
    .split(bar)
    .map((c) => c.trim());

/**
 * The Markdown tables a bench prints (`printTable` in libs/event-store/bench): each is the
 * last non-empty line before it (its title), a header row, a `|:---|---:|` rule and rows.
 */
export const markdownTables = (output: string): Table[] => {
  const lines = output.split('\n');
  const tables: Table[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    const rule = lines[i + 1]?.trim() ?? '';
    if (!lines[i]?.trim().startsWith('|') || !/^\|[:\-|]+\|$/.test(rule)) continue;
    let t = i - 1;
    while (t >= 0 && lines[t]?.trim() === '') t--;
    const rows: string[][] = [];
    let r = i + 2;
    for (; r < lines.length && lines[r]?.trim().startsWith('|'); r++) {
      rows.push(cells(lines[r] as string, '|'));
    }
    tables.push({
      title: t >= 0 ? (lines[t] as string).trim() : '',
      headers: cells(lines[i] as string, '|'),
      rows,
    });
    i = r - 1;
  }
  return tables;
};

/** A `console.table` (box drawing) printed by a bench: headers and rows, quotes removed. */
export const consoleTable = (output: string): Omit<Table, 'title'> | null => {
  const lines = output.split('\n').filter((l) => l.trim().startsWith('│'));
  if (lines.length === 0) return null;
  const unquote = (c: string) => c.replace(/^'(.*)'$/, '$1');
  const [header, ...rows] = lines.map((l) => cells(l, '│').map(unquote));
  const drop = header?.[0] === '(index)' ? 1 : 0;
  return {
    headers: (header ?? []).slice(drop),
    rows: rows.map((r) => r.slice(drop)),
  };
};

const lastJsonLine = (output: string, tag: string): unknown => {
  const line = output
    .split('\n')
    .reverse()
    .find((l) => l.startsWith(`${tag} `));
  return line === undefined ? null : (JSON.parse(line.slice(tag.length + 1)) as unknown);
};

/** The JSON a bench appends as its last `BENCH_JSON {…}` line, if any. */
export const benchJson = (output: string): unknown => lastJsonLine(output, 'BENCH_JSON');

/** What a bench ran against, from its `BENCH_SETUP {…}` line (store-setup.ts), if any. */
export const benchSetup = (output: string): unknown => lastJsonLine(output, 'BENCH_SETUP');
