import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { valuesIn, type LicenseCommand, type LicenseState } from '@lic/domain';
import { textArb, usernameArb } from './arbitraries';

const DAY = 86_400_000;
const admin = { kind: 'admin' as const, id: 'prop-admin' };

/** One thing that happens to a license: time passes, or a client or an admin sends a command. */
export type Step =
  | { readonly kind: 'advance'; readonly ms: number }
  | { readonly kind: 'checkout' | 'activate' | 'deactivate' | 'validate'; readonly fp: number }
  | {
      readonly kind: 'heartbeat' | 'checkin' | 'release' | 'revokeActivation';
      readonly pick: number;
    }
  | { readonly kind: 'open'; readonly user: string; readonly service: boolean }
  | { readonly kind: 'activity'; readonly pick: number; readonly onBehalfOf: string | null }
  | { readonly kind: 'logout' | 'endSession'; readonly pick: number }
  | {
      readonly kind: 'suspend' | 'reinstate' | 'revoke' | 'threat' | 'clearThreat';
      readonly text: string;
    }
  | { readonly kind: 'renew'; readonly days: number | null }
  | { readonly kind: 'reserve'; readonly users: string[] }
  | { readonly kind: 'tally'; readonly count: number }
  | { readonly kind: 'settle' };

const fp = fc.integer({ min: 0, max: 5 });
const pick = fc.nat();

export const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('advance' as const),
      ms: fc.oneof(
        fc.integer({ min: 0, max: 120_000 }),
        fc.integer({ min: 0, max: 40 * DAY }),
        fc.constant(3_650 * DAY),
      ),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constantFrom(
        'checkout' as const,
        'activate' as const,
        'deactivate' as const,
        'validate' as const,
      ),
      fp,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constantFrom(
        'heartbeat' as const,
        'checkin' as const,
        'release' as const,
        'revokeActivation' as const,
      ),
      pick,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('open' as const),
      user: usernameArb,
      service: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('activity' as const),
      pick,
      onBehalfOf: fc.option(usernameArb, { nil: null }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constantFrom('logout' as const, 'endSession' as const), pick }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constantFrom(
        'suspend' as const,
        'reinstate' as const,
        'revoke' as const,
        'threat' as const,
        'clearThreat' as const,
      ),
      text: textArb,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('renew' as const),
      days: fc.option(fc.constantFrom(1, 365, 36_525), { nil: null }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('reserve' as const),
      users: fc.array(usernameArb, { maxLength: 3 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('tally' as const),
      count: fc.constantFrom(1, 42, 1_000_000),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'settle' as const }) },
);

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const nth = <T>(items: readonly T[], i: number): T | undefined =>
  items.length === 0 ? undefined : items[i % items.length];

/**
 * The command a step sends against the license as it stands (lease and session ids picked
 * from its live holders), or null when time merely passes.
 */
export const commandOf = (
  step: Exclude<Step, { kind: 'advance' }>,
  licenseId: string,
  state: LicenseState,
  now: number,
  seq: number,
): LicenseCommand => {
  const client = { kind: 'license' as const, id: licenseId };
  const base = { licenseId, actor: client };
  const issued = state.kind === 'issued' ? state : null;
  const leases = issued ? Object.keys(issued.leases) : [];
  const sessions = issued ? Object.keys(issued.sessions) : [];
  const activations = issued ? valuesIn(issued.activations) : [];
  switch (step.kind) {
    case 'checkout':
      return {
        ...base,
        type: 'CheckoutLease',
        leaseId: `l${seq}`,
        fingerprint: `node-${step.fp}`,
        idempotencyKey: `k${seq}`,
        requestHash: sha(`c${step.fp}`),
      };
    case 'activate':
      return {
        ...base,
        type: 'ActivateMachine',
        fingerprint: `node-${step.fp}`,
        activationId: `a${seq}`,
        tokenId: `t${seq}`,
        country: nth(['DE', 'FR', 'US', 'JP', null], step.fp) ?? null,
      };
    case 'deactivate':
      return { ...base, type: 'DeactivateMachine', fingerprint: `node-${step.fp}` };
    case 'validate': {
      const a = activations.find((x) => x.fingerprint === `node-${step.fp}`);
      const lease = a ? undefined : nth(leases, step.fp);
      return {
        ...base,
        type: 'ValidateMachine',
        fingerprint: a?.fingerprint ?? `node-${step.fp}`,
        activationId: a?.activationId ?? lease ?? `a-none`,
        tokenId: a?.tokenId ?? `t-none`,
        tokenIssuedAt: new Date(a?.activatedAt ?? now).toISOString(),
        tokenExpiresAt: new Date(
          Math.max(a?.tokenExpiresAt ?? now + DAY, (a?.activatedAt ?? now) + 1),
        ).toISOString(),
        newTokenId: `t${seq}`,
      };
    }
    case 'heartbeat':
      return { ...base, type: 'HeartbeatLease', leaseId: nth(leases, step.pick) ?? 'l-none' };
    case 'checkin':
      return {
        ...base,
        type: 'CheckinLease',
        leaseId: nth(leases, step.pick) ?? 'l-none',
        idempotencyKey: `in${seq}`,
        requestHash: sha('in'),
      };
    case 'release':
      return {
        ...base,
        actor: admin,
        type: 'ReleaseLease',
        leaseId: nth(leases, step.pick) ?? 'l-none',
      };
    case 'revokeActivation':
      return {
        ...base,
        actor: admin,
        type: 'RevokeActivation',
        activationId: nth(activations, step.pick)?.activationId ?? 'a-none',
      };
    case 'open':
      return {
        ...base,
        type: 'OpenSession',
        sessionId: `s${seq}`,
        username: step.user,
        kind: step.service ? 'service' : 'interactive',
      };
    case 'activity':
      return {
        ...base,
        type: 'RecordSessionActivity',
        sessionId: nth(sessions, step.pick) ?? 's-none',
        username: null,
        onBehalfOf: step.onBehalfOf,
      };
    case 'logout':
      return { ...base, type: 'CloseSession', sessionId: nth(sessions, step.pick) ?? 's-none' };
    case 'endSession':
      return {
        ...base,
        actor: admin,
        type: 'EndSession',
        sessionId: nth(sessions, step.pick) ?? 's-none',
      };
    case 'suspend':
      return { ...base, actor: admin, type: 'SuspendLicense', reason: step.text };
    case 'reinstate':
      return { ...base, actor: admin, type: 'ReinstateLicense', reason: step.text };
    case 'revoke':
      return { ...base, actor: admin, type: 'RevokeLicense', reason: step.text };
    case 'threat':
      return { ...base, actor: admin, type: 'RaiseThreatLevel', detail: step.text };
    case 'clearThreat':
      return { ...base, actor: admin, type: 'ClearThreatLevel', reason: step.text };
    case 'renew':
      return { ...base, actor: admin, type: 'RenewLicense', days: step.days };
    case 'reserve':
      return { ...base, actor: admin, type: 'SetReservedAccounts', usernames: step.users };
    case 'tally': {
      const at = new Date(now).toISOString();
      return {
        ...base,
        actor: { kind: 'system', id: 'refusal-tally' },
        type: 'TallyRefusals',
        tallies: [
          { kind: 'checkout', reason: 'SEATS_EXHAUSTED', count: step.count, from: at, to: at },
        ],
      };
    }
    case 'settle':
      return { ...base, actor: { kind: 'system', id: 'expiry-sweeper' }, type: 'SettleOverdue' };
  }
};
