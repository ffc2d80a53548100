import { readFileSync } from 'node:fs';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string };
  readonly children?: readonly number[];
}
export interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  /** When the profile started, µs on the clock every thread's profile of a process shares. */
  readonly startTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** A span of the profiles' clock (µs), both ends included. */
export interface ProfileWindow {
  readonly from: number;
  readonly to: number;
}

export const readProfile = (file: string): CpuProfile =>
  JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;

/** The profile's nodes by id, and each node's parent. */
const treeOf = (profile: CpuProfile) => {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  return { byId, parent };
};

/** Whether a node's frame, or a frame it was called from, passes `test` (memoised per node). */
const underFrame = (
  profile: CpuProfile,
  test: (frame: ProfileNode['callFrame']) => boolean,
): ((id: number) => boolean) => {
  const { byId, parent } = treeOf(profile);
  const known = new Map<number, boolean>();
  const under = (id: number): boolean => {
    const seen = known.get(id);
    if (seen !== undefined) return seen;
    const node = byId.get(id);
    const up = parent.get(id);
    const is = node !== undefined && (test(node.callFrame) || (up !== undefined && under(up)));
    known.set(id, is);
    return is;
  };
  return under;
};

/** Each sample's instant on the profiles' clock. */
const sampleTimes = (profile: CpuProfile): number[] => {
  let at = profile.startTime;
  return profile.timeDeltas.map((dt) => (at += dt));
};

/**
 * From the first to the last sample taken inside a frame of a file matching `files` (e.g. the
 * controllers the load drives): the load alone, without start-up, the set-up requests, or the
 * work of shutting down (the last seal reads back every event the load wrote). Null when no
 * sample matches.
 */
export const loadWindow = (profile: CpuProfile, files: RegExp): ProfileWindow | null => {
  const within = underFrame(profile, (frame) => files.test(frame.url));
  const times = sampleTimes(profile);
  let from: number | null = null;
  let to: number | null = null;
  profile.samples.forEach((id, i) => {
    if (!within(id)) return;
    from ??= times[i] ?? null;
    to = times[i] ?? to;
  });
  return from === null || to === null ? null : { from, to };
};

/**
 * Areas of the command path, tried from a sample's innermost frame outwards: the first frame
 * that matches names the area (a native SQLite call made from the store's adapter is the
 * store's; io-ts called from the domain is the domain's).
 */
const AREAS: readonly (readonly [string, (url: string, fn: string) => boolean])[] = [
  ['GC', (_u, fn) => fn === '(garbage collector)'],
  [
    'signing library (JWS, canonical JSON and SHA-256 of the hash chain, license keys)',
    (u) => /node_modules\/jose\/|libs\/signing\//.test(u),
  ],
  ['logging (pino)', (u) => /node_modules\/pino|libs\/observability\/src\/log/.test(u)],
  ['metrics (prom-client)', (u) => /node_modules\/prom-client|libs\/observability\//.test(u)],
  [
    'event store: SQLite (statements, group commit, commit)',
    (u) => /libs\/event-store\/src\/sqlite\//.test(u),
  ],
  ['event store: other', (u) => /libs\/event-store\//.test(u)],
  ['command pipeline (load, snapshot, append glue)', (u) => /libs\/command-pipeline\//.test(u)],
  ['domain (decide, evolve, codecs)', (u) => /libs\/domain\//.test(u)],
  ['Nest (DI, pipes, guards, CQRS)', (u) => /node_modules\/@nestjs\//.test(u)],
  ['command API (controllers, handlers, auth)', (u) => /apps\/command-api\/src\//.test(u)],
  [
    'HTTP (Node http + Fastify)',
    (u) =>
      /node_modules\/(fastify|@fastify|find-my-way|light-my-request)|node:_http|node:net|node:internal\/(http|stream)/.test(
        u,
      ),
  ],
];
const IDLE = new Set(['(idle)', '(program)']);
/** Start-up: loading (and, from the sources, compiling) modules — not a request's cost. */
const LOADING = new Set(['Module._load', 'compileTypeScript']);

export interface AreaCost {
  readonly area: string;
  readonly microsPerRequest: number;
  readonly share: number;
}

/**
 * A thread's CPU per request by area, from a V8 .cpuprofile of the command API's process (read
 * with readProfile): only the samples within `window`, when one is given.
 */
export const cpuBreakdown = (
  profile: CpuProfile,
  requests: number,
  window: ProfileWindow | null = null,
): AreaCost[] => {
  const { byId, parent } = treeOf(profile);
  const loading = underFrame(profile, (frame) => LOADING.has(frame.functionName));
  const areaOf = new Map<number, string | null>();
  const classify = (id: number): string | null => {
    if (loading(id)) return null;
    const known = areaOf.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id);
    if (node === undefined) return 'other';
    const { url, functionName } = node.callFrame;
    if (IDLE.has(functionName)) return null;
    const match = AREAS.find(([, test]) => test(url, functionName));
    const up = parent.get(id);
    const area = match?.[0] ?? (up === undefined ? 'other' : classify(up));
    areaOf.set(id, area);
    return area;
  };
  const micros = new Map<string, number>();
  let busy = 0;
  const times = sampleTimes(profile);
  const counted = (i: number) => {
    const at = times[i] ?? 0;
    return window === null || (at >= window.from && at <= window.to);
  };
  profile.samples.forEach((id, i) => {
    if (!counted(i)) return;
    const area = classify(id);
    if (area === null) return;
    const dt = profile.timeDeltas[i] ?? 0;
    micros.set(area, (micros.get(area) ?? 0) + dt);
    busy += dt;
  });
  return [...micros]
    .map(([area, us]) => ({ area, microsPerRequest: us / requests, share: us / busy }))
    .sort((a, b) => b.microsPerRequest - a.microsPerRequest);
};
