import * as E from 'fp-ts/Either';
import { PathReporter } from 'io-ts/PathReporter';
import type { ErrorCode } from '../shared/errors';
import type { LicenseCommand } from '../license/license.commands';
import { LicenseEvent } from '../license/license.events';
import { licenseDecider } from '../license/license.decider';
import { fold } from '../shared/decider';
import type { LicenseState } from '../license/license.state';
import { memoryOf } from '../license/license.memory';

type Expected = { type: LicenseEvent['type']; data?: Record<string, unknown> };

/**
 * Emmett-style specification: given events, when a command at an instant, then events (matched
 * by type and the data fields named) or an error code. Every event decided must also decode
 * through its io-ts codec, so a test also proves the events are well-formed.
 */
export const given = (...history: LicenseEvent[]) => ({
  when: (command: LicenseCommand, now: number) => {
    const state: LicenseState = fold(licenseDecider.evolve, licenseDecider.initialState, history);
    const result = licenseDecider.decide(command, state, { now, recall: memoryOf(history) });
    const events = E.isRight(result) ? result.right : [];
    for (const e of events) {
      const decoded = LicenseEvent.decode(e);
      if (E.isLeft(decoded)) throw new Error(PathReporter.report(decoded).join('\n'));
    }
    const after = fold(licenseDecider.evolve, state, events);
    return {
      result,
      events,
      state: after,
      /** The license's memory after the decision (idempotency records, ended holders). */
      recall: memoryOf([...history, ...events]),
      then(...expected: Expected[]) {
        if (E.isLeft(result)) throw new Error(`expected events, got error ${result.left.code}`);
        expect(events.map((e) => e.type)).toEqual(expected.map((e) => e.type));
        expected.forEach((x, i) => {
          if (x.data) expect(events[i]?.data).toMatchObject(x.data);
        });
        return this;
      },
      thenNothing() {
        expect(result).toEqual(E.right([]));
        return this;
      },
      thenError(code: ErrorCode, extra: { suppressedRefusal?: boolean } = {}) {
        if (E.isRight(result)) {
          throw new Error(`expected ${code}, got ${result.right.map((e) => e.type).join(', ')}`);
        }
        expect(result.left.code).toBe(code);
        if (extra.suppressedRefusal !== undefined) {
          expect(result.left.suppressedRefusal !== undefined).toBe(extra.suppressedRefusal);
        }
        return this;
      },
    };
  },
});

/** Folds a history and a sequence of commands, each applied at its instant; returns all events. */
export const run = (
  history: LicenseEvent[],
  steps: readonly (readonly [LicenseCommand, number])[],
): { events: LicenseEvent[]; state: LicenseState; errors: (ErrorCode | null)[] } => {
  let state = fold(licenseDecider.evolve, licenseDecider.initialState, history);
  const events: LicenseEvent[] = [...history];
  const errors: (ErrorCode | null)[] = [];
  for (const [command, now] of steps) {
    const r = licenseDecider.decide(command, state, { now, recall: memoryOf(events) });
    if (E.isLeft(r)) {
      errors.push(r.left.code);
      continue;
    }
    errors.push(null);
    state = fold(licenseDecider.evolve, state, r.right);
    events.push(...r.right);
  }
  return { events, state, errors };
};
