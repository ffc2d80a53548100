import fc from 'fast-check';
import type { Actor } from '../shared/actor';
import type { Policy } from '../product/policy';
import { presets } from '../product/presets';
import type { LicenseCommand } from '../license/license.commands';
import { LICENSE, sha } from './fixtures';
import type { SeatModel } from './seat-model';

/**
 * Generated histories for the property tests: a license with a generated policy, a few
 * reserved accounts, and a list of steps. A step either moves the clock (by a generated
 * amount, or onto a holder's deadline or a key's retention end, exactly or ±1 ms) or is a
 * command from one of many clients. Steps name leases and sessions by their age (0 = the one
 * granted last), so a shrunk history stays meaningful.
 */
export const FINGERPRINTS = ['fp-0', 'fp-1', 'fp-2', 'fp-3', 'fp-4', 'fp-5'];
export const USERS = ['ana', 'ben', 'cy', 'dee', 'svc-render', 'svc-sync'];
/** S3: client-credentials accounts open service sessions. */
export const isServiceAccount = (u: string): boolean => u.startsWith('svc-');

export type Step =
  | { readonly t: 'wait'; readonly ms: number }
  | { readonly t: 'deadline'; readonly pick: number; readonly delta: -1 | 0 | 1 }
  | { readonly t: 'keyRetentionEnd'; readonly pick: number; readonly delta: -1 | 0 | 1 }
  | { readonly t: 'checkout'; readonly client: number; readonly key: number; readonly own: boolean }
  | { readonly t: 'heartbeat'; readonly lease: number }
  | { readonly t: 'checkin'; readonly lease: number; readonly key: number }
  | { readonly t: 'release'; readonly lease: number }
  | { readonly t: 'activate'; readonly client: number }
  | { readonly t: 'deactivate'; readonly client: number }
  | { readonly t: 'revokeActivation'; readonly activation: number }
  | { readonly t: 'open'; readonly user: number }
  | {
      readonly t: 'activity';
      readonly session: number;
      readonly as: 'owner' | 'anonymous' | 'someone-else';
      readonly onBehalfOf: boolean;
    }
  | { readonly t: 'logout'; readonly session: number }
  | { readonly t: 'endSession'; readonly session: number }
  | { readonly t: 'suspend' }
  | { readonly t: 'reinstate' }
  | { readonly t: 'settle' };

export type StepKind = Step['t'];
export type Mix = Partial<Record<StepKind, number>>;

const delta = fc.constantFrom<-1 | 0 | 1>(-1, 0, 1);
/** Mostly one of the last few granted (likely still live), sometimes an older or unknown one. */
const ref = fc.oneof(
  { arbitrary: fc.nat({ max: 2 }), weight: 4 },
  { arbitrary: fc.nat({ max: 12 }), weight: 1 },
);
const client = fc.nat({ max: FINGERPRINTS.length - 1 });

const stepArbitraries: { readonly [K in StepKind]: fc.Arbitrary<Extract<Step, { t: K }>> } = {
  wait: fc.record({
    t: fc.constant('wait'),
    ms: fc.oneof(
      fc.constant(0),
      fc.integer({ min: 1, max: 999 }),
      fc.integer({ min: 1_000, max: 59_999 }),
      fc.integer({ min: 60_000, max: 20 * 60_000 }),
    ),
  }),
  deadline: fc.record({ t: fc.constant('deadline'), pick: fc.nat({ max: 20 }), delta }),
  keyRetentionEnd: fc.record({ t: fc.constant('keyRetentionEnd'), pick: ref, delta }),
  checkout: fc.record({
    t: fc.constant('checkout'),
    client,
    key: fc.nat({ max: 2 }),
    own: fc.boolean(),
  }),
  heartbeat: fc.record({ t: fc.constant('heartbeat'), lease: ref }),
  checkin: fc.record({ t: fc.constant('checkin'), lease: ref, key: fc.nat({ max: 5 }) }),
  release: fc.record({ t: fc.constant('release'), lease: ref }),
  activate: fc.record({ t: fc.constant('activate'), client }),
  deactivate: fc.record({ t: fc.constant('deactivate'), client }),
  revokeActivation: fc.record({ t: fc.constant('revokeActivation'), activation: ref }),
  open: fc.record({ t: fc.constant('open'), user: fc.nat({ max: USERS.length - 1 }) }),
  activity: fc.record({
    t: fc.constant('activity'),
    session: ref,
    as: fc.constantFrom<'owner' | 'anonymous' | 'someone-else'>(
      'owner',
      'owner',
      'anonymous',
      'someone-else',
    ),
    onBehalfOf: fc.boolean(),
  }),
  logout: fc.record({ t: fc.constant('logout'), session: ref }),
  endSession: fc.record({ t: fc.constant('endSession'), session: ref }),
  suspend: fc.record({ t: fc.constant('suspend') }),
  reinstate: fc.record({ t: fc.constant('reinstate') }),
  settle: fc.record({ t: fc.constant('settle') }),
};

/** Steps drawn with the given weights (a kind left out is never drawn). */
export const stepsOf = (mix: Mix, maxLength = 120): fc.Arbitrary<Step[]> =>
  fc.array(
    fc.oneof(
      ...Object.entries(mix).map(([kind, weight]) => ({
        arbitrary: stepArbitraries[kind as StepKind] as fc.Arbitrary<Step>,
        weight: weight ?? 0,
      })),
    ),
    { minLength: 1, maxLength, size: 'max' },
  );

/**
 * The seat settings of a generated license: a machine cap (or, for a floating license, leases
 * taken through /activate), a floating overlay and a session overlay, each with small caps and
 * timeouts so that caps are reached and deadlines fall inside a history.
 */
export interface Seats {
  readonly licenseType: 'per-machine' | 'floating';
  readonly maxMachines: number;
  readonly floatingCap: number;
  readonly floatingTimeoutMinutes: number;
  readonly sessionCap: number;
  readonly idleMinutes: number;
  readonly serviceMinutes: number;
}

export interface Scenario {
  readonly seats: Seats;
  /** Reserved accounts (S4); those past the session cap are dropped. */
  readonly reserved: readonly string[];
  readonly steps: readonly Step[];
}

/** The policy of a generated license. Rate limiting (O5) and threat detection (O6) are off. */
export const policyOf = (s: Seats): Policy => ({
  ...presets.studio,
  licenseType: s.licenseType,
  maxMachines: s.licenseType === 'floating' ? null : s.maxMachines,
  floating: { maxFloatingUsers: s.floatingCap, floatingTimeoutMinutes: s.floatingTimeoutMinutes },
  sessions: {
    maxSessions: s.sessionCap,
    interactiveIdleMinutes: s.idleMinutes,
    serviceMaxMinutes: s.serviceMinutes,
  },
  activationRateLimit: { maxAttempts: 1_000_000, windowMinutes: 60 },
  geoSpread: { enabled: false, maxCountries: 3 },
  machineChurn: { enabled: false, maxDeactivations: 10, windowDays: 30 },
});

export const scenarios = (
  mix: Mix,
  licenseTypes: readonly Seats['licenseType'][],
): fc.Arbitrary<Scenario> =>
  fc.record({
    seats: fc.record({
      licenseType: fc.constantFrom(...licenseTypes),
      maxMachines: fc.integer({ min: 1, max: 4 }),
      floatingCap: fc.integer({ min: 1, max: 4 }),
      floatingTimeoutMinutes: fc.integer({ min: 1, max: 15 }),
      sessionCap: fc.integer({ min: 1, max: 4 }),
      idleMinutes: fc.integer({ min: 1, max: 20 }),
      serviceMinutes: fc.integer({ min: 1, max: 60 }),
    }),
    reserved: fc.subarray(USERS, { maxLength: 2 }),
    steps: stepsOf(mix),
  });

/** The step's instant: where a clock step moves the clock to (never backwards). */
export const nextInstant = (step: Step, m: SeatModel, now: number): number => {
  if (step.t === 'wait') return now + step.ms;
  if (step.t !== 'deadline' && step.t !== 'keyRetentionEnd') return now;
  const retention = m.policy.idempotencyRetentionHours * 3_600_000;
  const targets =
    step.t === 'deadline' ? m.deadlines() : [...m.keys.values()].map((k) => k.at + retention);
  const ahead = targets.map((d) => d + step.delta).filter((d) => d >= now);
  return ahead.length === 0 ? now : (ahead[step.pick % ahead.length] ?? now);
};

/** The n-th youngest of `ids` (0 = the last granted), wrapping round to an id never granted. */
const byAge = (ids: readonly string[], n: number, unknown: string): string =>
  ids[ids.length - 1 - (n % (ids.length + 1))] ?? unknown;

const clientActor: Actor = { kind: 'license', id: LICENSE };
const admin: Actor = { kind: 'admin', id: 'alice' };
const system: Actor = { kind: 'system', id: 'expiry-sweeper' };

/** The command a step stands for, or null for a clock step. `i` makes new ids unique. */
export const commandOf = (step: Step, m: SeatModel, i: number): LicenseCommand | null => {
  const base = { licenseId: LICENSE, actor: clientActor };
  const lease = (n: number) => byAge(m.leaseIds, n, `L-never-${n}`);
  const session = (n: number) => byAge(m.sessionIds, n, `S-never-${n}`);
  switch (step.t) {
    case 'wait':
    case 'deadline':
    case 'keyRetentionEnd':
      return null;
    case 'checkout': {
      const fingerprint = FINGERPRINTS[step.client] ?? 'fp-0';
      return {
        ...base,
        type: 'CheckoutLease',
        leaseId: `L${i}`,
        fingerprint,
        idempotencyKey: step.own ? `${fingerprint}-k${step.key}` : `shared-k${step.key}`,
        requestHash: sha(step.client + 1),
      };
    }
    case 'heartbeat':
      return { ...base, type: 'HeartbeatLease', leaseId: lease(step.lease) };
    case 'checkin': {
      const leaseId = lease(step.lease);
      return {
        ...base,
        type: 'CheckinLease',
        leaseId,
        idempotencyKey: `in-k${step.key}`,
        requestHash: sha(1000 + m.leaseIds.indexOf(leaseId)),
      };
    }
    case 'release':
      return { ...base, actor: admin, type: 'ReleaseLease', leaseId: lease(step.lease) };
    case 'activate':
      return {
        ...base,
        type: 'ActivateMachine',
        fingerprint: FINGERPRINTS[step.client] ?? 'fp-0',
        activationId: `A${i}`,
        tokenId: `T${i}`,
        country: null,
      };
    case 'deactivate':
      return {
        ...base,
        type: 'DeactivateMachine',
        fingerprint: FINGERPRINTS[step.client] ?? 'fp-0',
      };
    case 'revokeActivation':
      return {
        ...base,
        actor: admin,
        type: 'RevokeActivation',
        activationId: byAge(m.activationIds, step.activation, 'A-never'),
      };
    case 'open': {
      const username = USERS[step.user] ?? 'ana';
      const kind = isServiceAccount(username) ? 'service' : 'interactive';
      return { ...base, type: 'OpenSession', sessionId: `S${i}`, username, kind };
    }
    case 'activity': {
      const sessionId = session(step.session);
      const owner = m.sessions.get(sessionId)?.username ?? 'ana';
      const username =
        step.as === 'anonymous'
          ? null
          : step.as === 'owner'
            ? owner
            : owner === 'ben'
              ? 'cy'
              : 'ben';
      return {
        ...base,
        type: 'RecordSessionActivity',
        sessionId,
        username,
        onBehalfOf: step.onBehalfOf ? `external-user-${i}` : null,
      };
    }
    case 'logout':
      return { ...base, type: 'CloseSession', sessionId: session(step.session) };
    case 'endSession':
      return { ...base, actor: admin, type: 'EndSession', sessionId: session(step.session) };
    case 'suspend':
      return { ...base, actor: admin, type: 'SuspendLicense', reason: 'unpaid invoice' };
    case 'reinstate':
      return { ...base, actor: admin, type: 'ReinstateLicense', reason: 'paid' };
    case 'settle':
      return { ...base, actor: system, type: 'SettleOverdue' };
  }
};
