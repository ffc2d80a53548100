import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The Prometheus metrics of the system, on one registry per process. Every app exposes the
 * registry at /metrics; each records the metrics it owns.
 */
export class Metrics {
  readonly registry = new Registry();

  /** Command API: decision latency by command and outcome (ok, refused, rejected, error). */
  readonly commandSeconds = new Histogram({
    name: 'license_command_duration_seconds',
    help: 'Time to decide and record one command',
    labelNames: ['command', 'outcome'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [this.registry],
  });

  /**
   * Command API: decisions taken again because another writer (another replica, or a command
   * on the same license) appended first — optimistic concurrency at work.
   */
  readonly conflictRetries = new Counter({
    name: 'license_command_conflict_retries_total',
    help: 'Decisions retried after a concurrent append to the same stream',
    labelNames: ['command'] as const,
    registers: [this.registry],
  });

  /** Sets the seats gauge when it is scraped (the command API's latest state of each license). */
  private seatsCollector: ((gauge: Gauge<'license' | 'kind'>) => void) | undefined;

  /**
   * Command API: seats held per license and holder kind, computed when scraped (so a lease
   * that timed out is free on the next scrape, and a decision costs no gauge update).
   */
  readonly seatsInUse: Gauge<'license' | 'kind'> = new Gauge({
    name: 'license_seats_in_use',
    help: 'Seats held per license and holder kind (machine, lease, session)',
    labelNames: ['license', 'kind'] as const,
    registers: [this.registry],
    collect: () => this.seatsCollector?.(this.seatsInUse),
  });

  /** Who computes the seats gauge at each scrape (one collector; a later call replaces it). */
  collectSeatsWith(collect: (gauge: Gauge<'license' | 'kind'>) => void): void {
    this.seatsCollector = collect;
  }

  /** Command API: refusals by kind and reason (U2), recorded or tallied. */
  readonly refusals = new Counter({
    name: 'license_refusals_total',
    help: 'Refused activations, checkouts, sessions and validations by reason',
    labelNames: ['kind', 'reason'] as const,
    registers: [this.registry],
  });

  /** Projector: how far behind the store's head the read models are. */
  readonly projectionLagEvents = new Gauge({
    name: 'license_projection_lag_events',
    help: 'Events recorded but not yet projected',
    registers: [this.registry],
  });

  readonly projectionLagSeconds = new Gauge({
    name: 'license_projection_lag_seconds',
    help: 'Age of the oldest event not yet projected (0 when caught up)',
    registers: [this.registry],
  });

  /** Projector: events written to the read models (one per event, counted at commit). */
  readonly projectedEvents = new Counter({
    name: 'license_projected_events_total',
    help: 'Events the projector has written to the read models',
    registers: [this.registry],
  });

  /** Projector: time to write one batch and its checkpoint (one transaction). */
  readonly projectionBatchSeconds = new Histogram({
    name: 'license_projection_batch_duration_seconds',
    help: 'Time to project one batch and store its checkpoint',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  /** Projector: failed attempts to project an event (each retry counts; see /health/ready). */
  readonly projectionFailures = new Counter({
    name: 'license_projection_failures_total',
    help: 'Failed attempts to project an event (the projector retries it with back-off)',
    registers: [this.registry],
  });

  /** Projector: 1 while an event fails to project and everything after it waits, else 0. */
  readonly projectionStalled = new Gauge({
    name: 'license_projection_stalled',
    help: '1 while an event fails to project (the projector retries it), else 0',
    registers: [this.registry],
  });

  /** Projector: stored events of a known type that do not decode (audit log only). */
  readonly undecodableEvents = new Counter({
    name: 'license_projection_undecodable_events_total',
    help: 'Events of a known type whose data does not decode, projected into the audit log only',
    registers: [this.registry],
  });

  /** Projector: events whose hash-chain link does not verify, by what was found. */
  readonly chainBreaks = new Counter({
    name: 'license_chain_breaks_total',
    help: 'Received events whose hash-chain link does not verify (the history was altered)',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  /** HTTP apps: request durations by method, route template and status code. */
  readonly httpRequestSeconds = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request durations by method, route (template) and status code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  constructor(app: string) {
    this.registry.setDefaultLabels({ app });
    collectDefaultMetrics({ register: this.registry });
  }
}
