import * as E from 'fp-ts/Either';
import { toIso, type Actor, type Policy } from '@lic/domain';
import {
  admin,
  commands,
  policies,
  sweeper,
  type Command,
  type LicenseWorld,
} from './license-world';

/** A small deterministic PRNG (mulberry32), so a workload is the same history every run. */
export const prng = (seed: number) => {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number): number => Math.floor(next() * n),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
  };
};
export type Prng = ReturnType<typeof prng>;

type Shape = 'floating' | 'machines' | 'sessions' | 'hybrid';
const shapes: readonly Shape[] = ['floating', 'machines', 'sessions', 'hybrid'];

const policyOf = (shape: Shape, r: Prng): Policy => {
  switch (shape) {
    case 'floating':
      return policies.floating(2 + r.int(8), 15);
    case 'machines':
      return policies.machines(2 + r.int(5));
    case 'sessions':
      return policies.sessions(2 + r.int(5));
    case 'hybrid':
      return policies.hybrid(3 + r.int(3), 3 + r.int(6));
  }
};

interface LicenseSim {
  readonly id: string;
  readonly shape: Shape;
  n: number;
  readonly leases: string[];
  readonly sessions: string[];
  readonly machines: string[];
}

/**
 * A realistic mixed workload against several licenses: floating checkouts, heartbeats (and
 * abandoned leases), checkins, machine activations and moves, user and service sessions,
 * refusals when full, tallies, suspensions and the sweeper. Every command goes through the
 * domain; refused or pointless commands simply record nothing.
 */
export class Workload {
  private readonly sims: LicenseSim[] = [];

  constructor(
    private readonly world: LicenseWorld,
    private readonly r: Prng,
    private readonly meanStepMs = 40_000,
  ) {}

  async setUp(licenses: number, productId = 'prod-1'): Promise<void> {
    await this.world.product(productId);
    for (let i = 0; i < licenses; i++) {
      const shape = shapes[i % shapes.length] as Shape;
      const id = `lic-${shape}-${i}`;
      await this.world.issue(id, policyOf(shape, this.r), productId, 'studio');
      this.sims.push({ id, shape, n: 0, leases: [], sessions: [], machines: [] });
    }
  }

  /** Runs `steps` commands; returns the number of events they recorded. */
  async run(steps: number): Promise<number> {
    let events = 0;
    for (let i = 0; i < steps; i++) {
      this.world.advance(this.r.int(2 * this.meanStepMs));
      const sim = this.r.pick(this.sims);
      const [command, actor] = this.next(sim);
      const result = await this.world.attempt(sim.id, command, actor);
      if (E.isRight(result)) events += result.right.length;
    }
    return events;
  }

  private next(sim: LicenseSim): [Command, Actor | undefined] {
    const r = this.r;
    const roll = r.next();
    if (roll < 0.01) return [commands.settle(), sweeper];
    if (roll < 0.015) {
      const now = toIso(this.world.clock.now());
      return [commands.tally('checkout', 'SEATS_EXHAUSTED', 1 + r.int(20), now, now), sweeper];
    }
    if (roll < 0.02) return [r.next() < 0.5 ? commands.suspend() : commands.reinstate(), admin];
    if ((sim.shape === 'floating' || sim.shape === 'hybrid') && roll < 0.6) {
      return [this.leaseCommand(sim), undefined];
    }
    if (sim.shape === 'sessions' && roll < 0.7) return [this.sessionCommand(sim), undefined];
    return [this.machineCommand(sim), undefined];
  }

  private leaseCommand(sim: LicenseSim): Command {
    const r = this.r;
    const live = sim.leases;
    const roll = r.next();
    if (live.length === 0 || roll < 0.35) {
      const id = `${sim.id}-L${sim.n++}`;
      live.push(id);
      if (live.length > 40) live.shift();
      return commands.checkout(id, `fp-${r.int(30)}`);
    }
    const id = r.pick(live);
    if (roll < 0.8) return commands.heartbeat(id);
    live.splice(live.indexOf(id), 1);
    return roll < 0.95 ? commands.checkin(id) : commands.release(id);
  }

  private sessionCommand(sim: LicenseSim): Command {
    const r = this.r;
    const roll = r.next();
    if (sim.sessions.length === 0 || roll < 0.35) {
      const id = `${sim.id}-S${sim.n++}`;
      sim.sessions.push(id);
      if (sim.sessions.length > 40) sim.sessions.shift();
      if (roll < 0.02) return commands.reserve(`user-${r.int(3)}`);
      return commands.open(id, `user-${r.int(12)}`, roll < 0.1 ? 'service' : 'interactive');
    }
    const id = r.pick(sim.sessions);
    if (roll < 0.85) return commands.activity(id);
    sim.sessions.splice(sim.sessions.indexOf(id), 1);
    return commands.logout(id);
  }

  private machineCommand(sim: LicenseSim): Command {
    const r = this.r;
    const roll = r.next();
    if (sim.machines.length === 0 || roll < 0.5) {
      const fp = `${sim.id}-M${r.int(12)}`;
      if (!sim.machines.includes(fp)) sim.machines.push(fp);
      return commands.activate(fp, sim.n++);
    }
    const fp = r.pick(sim.machines);
    sim.machines.splice(sim.machines.indexOf(fp), 1);
    return commands.deactivate(fp);
  }
}
