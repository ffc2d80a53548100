import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { PathReporter } from 'io-ts/PathReporter';
import { idempotentOutcome } from '../license/idempotency';
import { memoryOf } from '../license/license.memory';
import type { Recall } from '../shared/decider';
import { licenseDecider } from '../license/license.decider';
import { LicenseEvent } from '../license/license.events';
import type { LicenseState } from '../license/license.state';
import { keysIn } from '../license/sharded';
import type { DomainError } from '../shared/errors';
import { T0, admin, event, issued } from './fixtures';
import { SeatModel } from './seat-model';
import { normalize, type Norm } from './seat-normal';
import { overdue, predict, type Expected } from './seat-oracle';
import { commandOf, nextInstant, policyOf, type Scenario } from './seat-steps';
import { countDecision, describeCoverage, requireCoverage, type Coverage } from './seat-coverage';

/** Thrown when the decider and the model disagree: the message says where and how. */
export class Disagreement extends Error {}

const byIdentity = (a: Norm, b: Norm) => JSON.stringify(a).localeCompare(JSON.stringify(b));
const sorted = (list: readonly Norm[]) => [...list].sort(byIdentity);
const show = (x: unknown) => JSON.stringify(x);

/** Does the decision's outcome agree with what the model expected? Null if so, else why not. */
const disagreement = (
  expected: Expected,
  due: readonly Norm[],
  outcome: E.Either<DomainError, readonly LicenseEvent[]>,
  recallAfter: Recall,
  m: SeatModel,
): string | null => {
  if (E.isLeft(outcome)) {
    const { code, suppressedRefusal } = outcome.left;
    if (expected.kind === 'error' && expected.codes.includes(code)) return null;
    if (expected.kind === 'refusal' && expected.suppressed && code === expected.reason) {
      return suppressedRefusal?.reason === expected.reason
        ? null
        : 'a suppressed refusal must say so (and what to tally)';
    }
    return `expected ${show(expected)}, got error ${code}`;
  }
  const got = outcome.right.map(normalize);
  if (expected.kind === 'replay') {
    const record = idempotentOutcome(recallAfter, expected.key);
    const bound = m.keys.get(expected.key);
    if (got.length > 0) return `expected a replay of ${expected.key}, got ${show(got)}`;
    return record?.leaseId === bound?.leaseId ? null : `replay answered ${show(record)}`;
  }
  const decided =
    expected.kind === 'events'
      ? expected.events
      : expected.kind === 'refusal' && !expected.suppressed
        ? [expected.event]
        : null;
  if (decided === null) return `expected ${show(expected)}, got events ${show(got)}`;
  // Nothing decided, nothing recorded: the expiries due wait for the next recorded decision.
  const want = decided.length === 0 && expected.kind === 'events' ? due : [...due, ...decided];
  const head = got.slice(0, due.length);
  const deadlines = head.map((e) => Number(e.expiredAt ?? e.endedAt));
  if (deadlines.some((d, i) => i > 0 && d < (deadlines[i - 1] ?? d))) {
    return `expiries not recorded in deadline order: ${show(head)}`;
  }
  if (show(sorted(got)) !== show(sorted(want))) {
    return `expected ${show(sorted(want))}, got ${show(sorted(got))}`;
  }
  return null;
};

/**
 * Invariants after every decision, on the model alone: F4, S1, S4 and M1 caps; F5 and S2/S3
 * deadlines never beyond one timeout (or the absolute end) from now.
 */
const invariantBroken = (m: SeatModel, now: number): string | null => {
  const p = m.policy;
  const leases = m.liveLeases(now);
  if (p.floating && leases.length > p.floating.maxFloatingUsers)
    return `F4: ${leases.length} leases`;
  if (
    p.floating &&
    leases.some((l) => l.expiresAt > now + p.floating!.floatingTimeoutMinutes * 60_000)
  ) {
    return 'F5: a lease lives longer than one timeout';
  }
  const sessions = m.liveSessions(now);
  if (p.sessions && sessions.length > p.sessions.maxSessions)
    return `S1: ${sessions.length} sessions`;
  if (
    p.sessions &&
    m.sharedSessions(now) > Math.max(0, p.sessions.maxSessions - m.reserved.length)
  ) {
    return 'S4: the shared pool is over its cap';
  }
  if (sessions.some((x) => x.hardExpiresAt !== null && x.expiresAt > x.hardExpiresAt)) {
    return 'S3: a service session outlives its absolute end';
  }
  if (p.maxMachines !== null && m.machines.size > p.maxMachines)
    return `M1: ${m.machines.size} machines`;
  return null;
};

/** The holders the domain's state keeps agree with the model's (same ids, same deadlines). */
const stateDiffers = (state: LicenseState, m: SeatModel): string | null => {
  if (state.kind !== 'issued') return 'the license is not issued';
  const leases = Object.values(state.leases)
    .map((l) => `${l.leaseId}@${l.expiresAt}`)
    .sort();
  const modelLeases = [...m.leases.values()].map((l) => `${l.id}@${l.expiresAt}`).sort();
  if (show(leases) !== show(modelLeases)) return `leases ${show(leases)} ≠ ${show(modelLeases)}`;
  const sessions = Object.values(state.sessions)
    .map((x) => `${x.sessionId}@${x.expiresAt}`)
    .sort();
  const modelSessions = [...m.sessions.values()].map((x) => `${x.id}@${x.expiresAt}`).sort();
  if (show(sessions) !== show(modelSessions))
    return `sessions ${show(sessions)} ≠ ${show(modelSessions)}`;
  const machines = keysIn(state.activations).sort();
  if (show(machines) !== show([...m.machines.keys()].sort())) return `machines ${show(machines)}`;
  return null;
};

/**
 * Runs a generated history through the real decider, one decision at a time, checking each
 * against the model; throws a Disagreement naming the step. Counts what it exercised, and
 * returns the history it recorded.
 */
export const runScenario = (scenario: Scenario, coverage: Coverage): LicenseEvent[] => {
  const policy = policyOf(scenario.seats);
  const reserved = scenario.reserved.slice(0, scenario.seats.sessionCap);
  const history: LicenseEvent[] = [issued(policy)];
  if (reserved.length > 0) {
    history.push(event('ReservedAccountsSet.v1', T0, { usernames: reserved }, admin));
  }
  const m = new SeatModel(policy);
  let state = history.reduce(licenseDecider.evolve, licenseDecider.initialState);
  history.forEach((e) => m.apply(e));
  let now = T0;
  scenario.steps.forEach((step, i) => {
    const command = commandOf(step, m, i);
    if (command === null) {
      now = nextInstant(step, m, now);
      return;
    }
    const expected = predict(m, command, now);
    const due = overdue(m, now);
    const outcome = licenseDecider.decide(command, state, { now, recall: memoryOf(history) });
    const events = E.isRight(outcome) ? outcome.right : [];
    for (const e of events) {
      const decoded = LicenseEvent.decode(e);
      if (E.isLeft(decoded)) throw new Disagreement(PathReporter.report(decoded).join('; '));
    }
    const after = events.reduce(licenseDecider.evolve, state);
    const why = disagreement(expected, due, outcome, memoryOf([...history, ...events]), m);
    if (why) throw new Disagreement(`step ${i} (${command.type} at T0+${now - T0} ms): ${why}`);
    countDecision(coverage, m, command, expected, outcome, now);
    state = after;
    history.push(...events);
    events.forEach((e) => m.apply(e));
    const broken = invariantBroken(m, now) ?? stateDiffers(state, m);
    if (broken) throw new Disagreement(`after step ${i} (${command.type}): ${broken}`);
  });
  return history;
};

/**
 * The property: 200 generated histories, every decision checked (runScenario); then what they
 * exercised is printed, and must reach the given floors — else the generator is too weak to
 * prove anything (requireCoverage).
 */
export const checkHistories = (
  title: string,
  histories: fc.Arbitrary<Scenario>,
  floors: Readonly<Record<string, number>>,
): void => {
  const coverage: Coverage = new Map();
  fc.assert(
    fc.property(histories, (scenario) => {
      runScenario(scenario, coverage);
    }),
    { numRuns: 200 },
  );
  console.info(describeCoverage(`${title} property run, 200 histories`, coverage));
  requireCoverage(coverage, floors);
};
