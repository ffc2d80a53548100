import { readFileSync, writeFileSync } from 'node:fs';
import type { StoredRow, Tamper } from './stored-rows';

interface JournalEvent {
  s: string;
  r: string;
  p: string;
  i: string;
  t: string;
  c: string;
  d: string;
  m: string;
  k: string;
}

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const unb64 = (text: string) => Buffer.from(text, 'base64').toString('utf8');

/**
 * Rewrites the ESDB test server's journal file (server stopped) with the tampered rows: what
 * someone with access to a KurrentDB node's files could do. Snapshot and system streams are
 * left as they were.
 */
export const tamperJournal = (file: string, tamper: Tamper): void => {
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.length > 0);
  const raw = lines.flatMap((l) => (JSON.parse(l) as { e: JournalEvent[] }).e);
  const mine = (e: JournalEvent) =>
    !e.s.startsWith('$') && !e.t.startsWith('$') && !e.s.startsWith('snapshot-');
  const extra = new Map(raw.map((e) => [e.p, e]));
  const rows: StoredRow[] = raw.filter(mine).map((e) => ({
    stream: e.s,
    revision: BigInt(e.r),
    position: BigInt(e.p),
    id: e.i,
    type: e.t,
    data: unb64(e.d),
    metadata: unb64(e.m),
  }));
  const changed = new Map(tamper(rows).map((r) => [r.position.toString(10), r]));
  const out = raw.flatMap((e): JournalEvent[] => {
    if (!mine(e)) return [e];
    const r = changed.get(e.p);
    if (r === undefined) return [];
    const base = extra.get(e.p) ?? e;
    return [
      {
        ...base,
        s: r.stream,
        r: r.revision.toString(10),
        i: r.id,
        t: r.type,
        d: b64(r.data),
        m: b64(r.metadata),
      },
    ];
  });
  writeFileSync(
    file,
    out.map((e) => `${JSON.stringify({ n: (BigInt(e.p) + 1n).toString(10), e: [e] })}\n`).join(''),
  );
};
