import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/Either';
import type { TestClock } from '@lic/clock';
import {
  actorToString,
  licenseDecider,
  licenseStream,
  presets,
  productDecider,
  productStream,
  type Actor,
  type LicenseCommand,
  type LicenseEvent,
  type LicenseState,
  type Policy,
  type ProductCommand,
  type ProductEvent,
  type ProductState,
} from '@lic/domain';
import type { EventStore, ExpectedRevision } from '@lic/event-store';

export const admin: Actor = { kind: 'admin', id: 'alice' };
export const sweeper: Actor = { kind: 'system', id: 'expiry-sweeper' };
export const KEY_HASH = 'a'.repeat(64);

/** Policies the scenarios use: each a preset with its caps overridden. */
export const policies = {
  floating: (cap = 2, timeoutMinutes = 15): Policy => ({
    ...presets['render-farm'],
    floating: { maxFloatingUsers: cap, floatingTimeoutMinutes: timeoutMinutes },
  }),
  machines: (cap = 2): Policy => ({ ...presets.studio, maxMachines: cap }),
  sessions: (cap = 3): Policy => ({
    ...presets.studio,
    sessions: { maxSessions: cap, interactiveIdleMinutes: 20, serviceMaxMinutes: 60 },
  }),
  hybrid: (machines = 5, floating = 10): Policy => ({
    ...presets.studio,
    maxMachines: machines,
    floating: { maxFloatingUsers: floating, floatingTimeoutMinutes: 15 },
  }),
};

type Without<C> = C extends unknown ? Omit<C, 'licenseId' | 'actor'> : never;
export type Command = Without<LicenseCommand>;

interface Stream<S> {
  state: S;
  revision: ExpectedRevision;
}

/**
 * Produces realistic history the way the command API will: each command is decided by the
 * domain against the folded stream at the clock's instant, and its events are appended with
 * an expected revision and metadata (correlation id, actor).
 */
export class LicenseWorld {
  private readonly licenses = new Map<string, Stream<LicenseState>>();
  private readonly products = new Map<string, Stream<ProductState>>();
  /** Position of the last append: what a client would pass as ?after=. */
  lastPosition: bigint | null = null;

  constructor(
    readonly eventStore: EventStore,
    readonly clock: TestClock,
  ) {}

  advance(ms: number): number {
    return this.clock.advance(ms);
  }

  async product(productId: string, name = 'Render Suite'): Promise<ProductEvent[]> {
    const command: ProductCommand = {
      type: 'CreateProduct',
      productId,
      actor: admin,
      name,
      withPresets: true,
    };
    const stream = this.products.get(productId) ?? {
      state: productDecider.initialState,
      revision: 'no_stream' as ExpectedRevision,
    };
    const decided = productDecider.decide(command, stream.state, { now: this.clock.now() });
    if (E.isLeft(decided)) throw new Error(`${command.type}: ${decided.left.code}`);
    const events = [...decided.right];
    stream.state = events.reduce(productDecider.evolve, stream.state);
    stream.revision = await this.append(productStream(productId), events, stream.revision);
    this.products.set(productId, stream);
    return events;
  }

  issue(
    licenseId: string,
    policy: Policy,
    productId = 'prod-1',
    variantId = 'studio',
    licensee: string | null = 'Studio Nine',
  ) {
    return this.run(
      licenseId,
      {
        type: 'IssueLicense',
        productId,
        variantId,
        policy,
        keyHash: KEY_HASH,
        licensee,
        trial: false,
      },
      admin,
    );
  }

  /** Decides and appends; a refusal the domain records is events like any other. */
  async run(
    licenseId: string,
    command: Command,
    actor: Actor = { kind: 'license', id: licenseId },
  ): Promise<LicenseEvent[]> {
    const result = await this.attempt(licenseId, command, actor);
    if (E.isLeft(result)) throw new Error(`${command.type} on ${licenseId}: ${result.left}`);
    return result.right;
  }

  /** Like run, but a decision that records nothing is returned as its error code. */
  async attempt(
    licenseId: string,
    command: Command,
    actor: Actor = { kind: 'license', id: licenseId },
  ): Promise<E.Either<string, LicenseEvent[]>> {
    const stream = this.licenses.get(licenseId) ?? {
      state: licenseDecider.initialState,
      revision: 'no_stream' as ExpectedRevision,
    };
    const full = { ...command, licenseId, actor } as LicenseCommand;
    const decided = licenseDecider.decide(full, stream.state, { now: this.clock.now() });
    if (E.isLeft(decided)) return E.left(decided.left.code);
    const events = [...decided.right];
    if (events.length === 0) return E.right([]);
    stream.state = events.reduce(licenseDecider.evolve, stream.state);
    stream.revision = await this.append(licenseStream(licenseId), events, stream.revision);
    this.licenses.set(licenseId, stream);
    return E.right(events);
  }

  state(licenseId: string): LicenseState | undefined {
    return this.licenses.get(licenseId)?.state;
  }

  private async append(
    stream: string,
    events: readonly (LicenseEvent | ProductEvent)[],
    expected: ExpectedRevision,
  ): Promise<bigint> {
    const correlationId = randomUUID();
    const result = await this.eventStore.appendToStream(
      stream,
      events.map((e) => ({
        id: randomUUID(),
        type: e.type,
        data: e.data,
        metadata: { correlationId, causationId: null, actor: actorToString(e.data.actor) },
      })),
      expected,
    );
    this.lastPosition = result.position;
    return result.nextExpectedRevision;
  }
}

/** Commands by name, as a client or admin would send them. */
export const commands = {
  checkout: (leaseId: string, fingerprint = `fp-${leaseId}`): Command => ({
    type: 'CheckoutLease',
    leaseId,
    fingerprint,
    idempotencyKey: `key-${leaseId}-${randomUUID()}`,
    requestHash: 'b'.repeat(64),
  }),
  heartbeat: (leaseId: string): Command => ({ type: 'HeartbeatLease', leaseId }),
  checkin: (leaseId: string): Command => ({
    type: 'CheckinLease',
    leaseId,
    idempotencyKey: `in-${leaseId}-${randomUUID()}`,
    requestHash: 'c'.repeat(64),
  }),
  release: (leaseId: string): Command => ({ type: 'ReleaseLease', leaseId }),
  activate: (fingerprint: string, n = 1, hostname: string | null = null): Command => ({
    type: 'ActivateMachine',
    fingerprint,
    activationId: `act-${fingerprint}-${n}`,
    tokenId: `tok-${fingerprint}-${n}`,
    country: null,
    hostname,
  }),
  deactivate: (fingerprint: string): Command => ({ type: 'DeactivateMachine', fingerprint }),
  open: (sessionId: string, username: string, kind: 'interactive' | 'service' = 'interactive') =>
    ({ type: 'OpenSession', sessionId, username, kind }) as Command,
  activity: (sessionId: string): Command => ({
    type: 'RecordSessionActivity',
    sessionId,
    username: null,
    onBehalfOf: null,
  }),
  logout: (sessionId: string): Command => ({ type: 'CloseSession', sessionId }),
  reserve: (...usernames: string[]): Command => ({ type: 'SetReservedAccounts', usernames }),
  suspend: (): Command => ({ type: 'SuspendLicense', reason: 'unpaid invoice' }),
  reinstate: (): Command => ({ type: 'ReinstateLicense', reason: 'paid' }),
  revoke: (): Command => ({ type: 'RevokeLicense', reason: 'chargeback' }),
  settle: (): Command => ({ type: 'SettleOverdue' }),
  tally: (
    kind: 'activation' | 'checkout' | 'session' | 'validation',
    reason: 'SEATS_EXHAUSTED' | 'RATE_LIMITED',
    count: number,
    from: string,
    to: string,
  ): Command => ({ type: 'TallyRefusals', tallies: [{ kind, reason, count, from, to }] }),
};
