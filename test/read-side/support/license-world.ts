import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/Either';
import type { TestClock } from '@lic/clock';
import { AggregateRepository, licenseAggregate, productAggregate } from '@lic/command-pipeline';
import {
  actorToString,
  presets,
  type Actor,
  type LicenseCommand,
  type LicenseEvent,
  type LicenseState,
  type Policy,
  type ProductCommand,
  type ProductEvent,
  type ProductState,
} from '@lic/domain';
import type { EventMetadata, EventStore, Snapshot, SnapshotStore } from '@lic/event-store';

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

/** Snapshots kept in memory: the pipeline's own snapshot policy, without a second store. */
class MemorySnapshots implements SnapshotStore {
  private readonly latest = new Map<string, Snapshot>();

  load(streamName: string): Promise<Snapshot | null> {
    return Promise.resolve(this.latest.get(streamName) ?? null);
  }

  save(streamName: string, snapshot: Snapshot): Promise<void> {
    const known = this.latest.get(streamName);
    if (known === undefined || known.revision < snapshot.revision) {
      this.latest.set(streamName, snapshot);
    }
    return Promise.resolve();
  }
}

/**
 * Produces realistic history the way the command API does: each command goes through the same
 * command pipeline (AggregateRepository: load, decide at the clock's instant, append with an
 * expected revision and metadata — correlation id, actor), not a second one.
 */
export class LicenseWorld {
  private readonly licenses: AggregateRepository<LicenseCommand, LicenseEvent, LicenseState>;
  private readonly products: AggregateRepository<ProductCommand, ProductEvent, ProductState>;
  /** Position of the last append: what a client would pass as ?after=. */
  lastPosition: bigint | null = null;

  constructor(
    readonly eventStore: EventStore,
    readonly clock: TestClock,
  ) {
    const snapshots = new MemorySnapshots();
    this.licenses = new AggregateRepository(eventStore, snapshots, licenseAggregate, clock);
    this.products = new AggregateRepository(eventStore, snapshots, productAggregate, clock);
  }

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
    const decided = await this.products.handle(productId, command, metadataOf(admin));
    if (E.isLeft(decided.outcome)) {
      throw new Error(`${command.type}: ${decided.outcome.left.code}`);
    }
    this.lastPosition = decided.position ?? this.lastPosition;
    return [...decided.outcome.right];
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
    const full = { ...command, licenseId, actor } as LicenseCommand;
    const decided = await this.licenses.handle(licenseId, full, metadataOf(actor));
    if (E.isLeft(decided.outcome)) return E.left(decided.outcome.left.code);
    this.lastPosition = decided.position ?? this.lastPosition;
    return E.right([...decided.outcome.right]);
  }
}

const metadataOf = (actor: Actor): EventMetadata => ({
  correlationId: randomUUID(),
  causationId: null,
  actor: actorToString(actor),
});

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
