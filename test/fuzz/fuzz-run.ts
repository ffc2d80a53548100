import * as E from 'fp-ts/Either';
import type * as t from 'io-ts';
import { AccessTokenEvent, LicenseEvent, ProductEvent } from '@lic/domain';
import type { RecordedEvent } from '@lic/event-store';
import { startFuzzWorld, type FuzzWorld } from './fuzz-world';
import { operationsOf, type Operation } from './operations';
import { seeded } from './random';
import { buildRequest, type FuzzRequest } from './requests';

/** Refusals recorded as events (U2), answered 422: the only events a refused request may add. */
const REFUSAL_EVENTS = new Set([
  'ActivationRefused.v1',
  'CheckoutRefused.v1',
  'SessionRefused.v1',
  'ValidationRefused.v1',
]);
/** Expiries already in effect, recorded with any decision that records something (settle.ts). */
const SETTLEMENT_EVENTS = new Set([
  'LeaseExpired.v1',
  'SessionClosed.v1',
  'LicenseExpired.v1',
  'LeaseReleased.v1',
]);
/** The 5xx answers the OpenAPI documents list: a store unreachable (503), read-your-writes (504). */
const DOCUMENTED_5XX = new Set([503, 504]);

export interface Violation {
  readonly request: FuzzRequest;
  readonly status: number;
  readonly why: string;
  readonly answer: string;
}

export interface FuzzReport {
  readonly seed: number;
  readonly requests: number;
  readonly seconds: number;
  readonly routes: { readonly command: number; readonly query: number };
  readonly routesHit: Readonly<Record<string, number>>;
  readonly statuses: Readonly<Record<string, number>>;
  readonly byCredentials: Readonly<Record<string, number>>;
  readonly undocumented5xx: number;
  readonly documented5xx: number;
  readonly events: {
    /** By requests answered 2xx: what they were meant to do. */
    readonly accepted: number;
    /** Refusal events (and expiries recorded with them) of requests answered 422. */
    readonly refusals: number;
    readonly refusalRequests: number;
    /** By nobody's request: expiry sweeps, refusal tallies. */
    readonly background: number;
    /** By a request answered 4xx/5xx other than a documented refusal: must be 0. */
    readonly undocumented: number;
  };
  readonly undecodable: number;
  readonly violations: readonly Violation[];
}

const send = async (req: FuzzRequest): Promise<{ status: number; text: string }> => {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), 15_000);
  try {
    const res = await fetch(req.url, {
      method: req.method,
      headers: req.headers,
      body: req.body,
      signal: abort.signal,
    });
    if ((res.headers.get('content-type') ?? '').includes('text/event-stream')) {
      await res.body?.cancel();
      return { status: res.status, text: '' };
    }
    return { status: res.status, text: await res.text() };
  } finally {
    clearTimeout(timer);
  }
};

const decodes = (e: RecordedEvent): boolean => {
  const stored = { type: e.type, data: e.data };
  const codec: t.Decoder<unknown, unknown> = e.streamName.startsWith('license-')
    ? LicenseEvent
    : e.streamName.startsWith('admin-tokens-')
      ? AccessTokenEvent
      : ProductEvent;
  return E.isRight(codec.decode(stored));
};

/**
 * Sends `requests` seeded requests over every route of both OpenAPI documents (read from the
 * running apps), one at a time, and after each reads what the store gained: events carry the
 * request's correlation id, so each is attributed to the request that caused it.
 */
export const runFuzz = async (options: {
  readonly seed: number;
  readonly requests: number;
  readonly onProgress?: (done: number) => void;
}): Promise<FuzzReport> => {
  const r = seeded(options.seed);
  const world: FuzzWorld = await startFuzzWorld();
  try {
    const command = await operationsOf('command', world.commandUrl);
    const query = await operationsOf('query', world.queryUrl);
    const operations: Operation[] = [...command, ...query];
    let last: bigint | undefined;
    for await (const e of world.store.readAll()) last = e.position;
    const statuses: Record<string, number> = {};
    const routesHit: Record<string, number> = {};
    const byCredentials: Record<string, number> = {};
    const events = { accepted: 0, refusals: 0, refusalRequests: 0, background: 0, undocumented: 0 };
    const violations: Violation[] = [];
    let undocumented5xx = 0;
    let documented5xx = 0;
    let undecodable = 0;
    const started = performance.now();
    for (let n = 0; n < options.requests; n++) {
      // Every route once before any twice, then at random.
      const op = n < operations.length ? (operations[n] as Operation) : r.pick(operations);
      const req = buildRequest(r, world, op, n);
      let answer: { status: number; text: string };
      try {
        answer = await send(req);
      } catch (error) {
        answer = { status: 0, text: String(error) };
      }
      statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
      routesHit[req.route] = (routesHit[req.route] ?? 0) + 1;
      byCredentials[req.credentials] = (byCredentials[req.credentials] ?? 0) + 1;
      const mine: RecordedEvent[] = [];
      for await (const e of world.store.readAll(last === undefined ? {} : { after: last })) {
        last = e.position;
        if (!decodes(e)) undecodable++;
        if (e.metadata.correlationId === `fuzz-${n}`) mine.push(e);
        else events.background++;
      }
      const fail = (why: string) =>
        violations.push({
          request: req,
          status: answer.status,
          why,
          answer: answer.text.slice(0, 300),
        });
      if (answer.status === 0) fail('no answer');
      else if (answer.status >= 500 && !DOCUMENTED_5XX.has(answer.status)) {
        undocumented5xx++;
        fail(`undocumented ${answer.status}`);
      } else if (answer.status >= 500) documented5xx++;
      if (answer.status >= 200 && answer.status < 300) events.accepted += mine.length;
      else if (mine.length > 0) {
        const documented =
          answer.status === 422 &&
          mine.some((e) => REFUSAL_EVENTS.has(e.type)) &&
          mine.every((e) => REFUSAL_EVENTS.has(e.type) || SETTLEMENT_EVENTS.has(e.type));
        if (documented) {
          events.refusals += mine.length;
          events.refusalRequests++;
        } else {
          events.undocumented += mine.length;
          fail(`answered ${answer.status} yet appended ${mine.map((e) => e.type).join(', ')}`);
        }
      }
      if (n % 1000 === 999) options.onProgress?.(n + 1);
    }
    const failing = world.projector.projector.status().failing;
    if (failing !== null) {
      violations.push({
        request: {
          method: '-',
          url: '-',
          headers: {},
          body: undefined,
          route: 'projector',
          credentials: 'none',
        },
        status: 0,
        why: `the projector fails on event ${failing.position}: ${failing.error}`,
        answer: '',
      });
    }
    return {
      seed: options.seed,
      requests: options.requests,
      seconds: (performance.now() - started) / 1000,
      routes: { command: command.length, query: query.length },
      routesHit,
      statuses,
      byCredentials,
      undocumented5xx,
      documented5xx,
      events,
      undecodable,
      violations,
    };
  } finally {
    await world.close();
  }
};

/** The figures of a run, as `npm run fuzz` prints them. */
export const formatReport = (report: FuzzReport): string => {
  const histogram = Object.entries(report.statuses)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([status, count]) => `${status}: ${count}`)
    .join(', ');
  const e = report.events;
  return [
    `fuzz: seed ${report.seed}, ${report.requests} requests over ${report.routes.command + report.routes.query} routes (command API ${report.routes.command}, query API ${report.routes.query}) in ${report.seconds.toFixed(1)} s`,
    `credentials: ${Object.entries(report.byCredentials)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
    `status: ${histogram}`,
    `5xx: ${report.undocumented5xx} undocumented; ${report.documented5xx} documented (503/504)`,
    `events appended: ${e.accepted} by accepted commands (2xx), ${e.refusals} documented refusal events by ${e.refusalRequests} refused requests (422), ${e.background} by the server itself (expiries, tallies), ${e.undocumented} by any other refused request`,
    `undecodable events in the store: ${report.undecodable}; violations: ${report.violations.length}`,
    ...report.violations
      .slice(0, 10)
      .map((v) => `  ${v.request.route} → ${v.status}: ${v.why} ${v.answer}`),
  ].join('\n');
};
