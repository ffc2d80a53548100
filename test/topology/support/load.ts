import { setTimeout as sleep } from 'node:timers/promises';

export interface Reply {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly position: bigint | null;
}

/** What the clients saw: only answers they got count as acknowledged. */
export class Tally {
  readonly checkouts = new Map<string, bigint>(); // lease id -> position
  readonly checkins = new Set<string>();
  readonly heartbeats = { ok: 0 };
  readonly activations = new Set<string>();
  refused = 0;
  unavailable = 0; // 503 answers (store unavailable or draining)
  failovers = 0; // connection errors: the replica was gone
  positions: bigint[] = [];
}

/**
 * A client of the command API replicas, the way the SDK behaves: each request goes to the
 * next replica; a connection error or a 503 is retried on the next one with the same body and
 * the same Idempotency-Key, until an answer comes (or a minute has passed).
 */
export class Replicas {
  private next = 0;
  constructor(
    private readonly urls: () => readonly string[],
    private readonly tally: Tally,
  ) {}

  async post(path: string, headers: Record<string, string>, body: unknown): Promise<Reply> {
    const started = performance.now();
    for (let attempt = 0; ; attempt++) {
      const urls = this.urls();
      const url = urls[this.next++ % urls.length];
      try {
        const r = await fetch(`${url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(20_000),
        });
        const text = await r.text();
        if (r.status === 503) {
          this.tally.unavailable++;
        } else {
          const position = r.headers.get('x-event-position');
          return {
            status: r.status,
            body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
            position: position ? BigInt(position) : null,
          };
        }
      } catch {
        this.tally.failovers++;
      }
      if (performance.now() - started > 60_000) {
        throw new Error(`${path}: no answer from any replica for a minute`);
      }
      await sleep(Math.min(1_000, 50 * 2 ** Math.min(attempt, 5)));
    }
  }
}

export interface Workload {
  readonly floatingKey: string;
  readonly machineKey: string;
  readonly machineFingerprints: number;
}

/** One simulated render node: checkout, heartbeat, checkin, again; now and then an activation. */
export const runWorker = async (
  replicas: Replicas,
  tally: Tally,
  workload: Workload,
  worker: number,
  stopped: () => boolean,
): Promise<void> => {
  const license = { authorization: `License ${workload.floatingKey}` };
  for (let i = 0; !stopped(); i++) {
    const out = await replicas.post(
      '/api/v1/license/floating/checkout',
      { ...license, 'idempotency-key': `w${worker}-${i}-out` },
      { fingerprint: `render-node-${worker}` },
    );
    if (out.position !== null) tally.positions.push(out.position);
    if (out.status !== 200) {
      tally.refused++;
      await sleep(20);
    } else {
      const token = out.body.lease_token as string;
      tally.checkouts.set(token.slice(4), out.position ?? -1n);
      const beat = await replicas.post('/api/v1/license/floating/heartbeat', license, {
        lease_token: token,
      });
      if (beat.status === 200) tally.heartbeats.ok++;
      const back = await replicas.post(
        '/api/v1/license/floating/checkin',
        { ...license, 'idempotency-key': `w${worker}-${i}-in` },
        { lease_token: token },
      );
      if (back.status === 200) tally.checkins.add(token.slice(4));
      if (back.position !== null) tally.positions.push(back.position);
    }
    if (i % 4 === worker % 4) {
      const activated = await replicas.post(
        '/api/v1/activate',
        { authorization: `License ${workload.machineKey}` },
        { fingerprint: `workstation-${(worker + i) % workload.machineFingerprints}` },
      );
      if (activated.status === 200) tally.activations.add(activated.body.activation_id as string);
      else tally.refused++;
    }
  }
};
