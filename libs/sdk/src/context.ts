import type { JwksCache } from './trust/jwks-cache';
import type { Verifier } from './trust/verifier';
import type { Transport } from './http/transport';
import type { RetryPolicy } from './http/retrying';
import type { Random } from './time/backoff';
import type { Clock } from './time/clock';
import type { Scheduler } from './time/scheduler';

/** What every part of one LicenseClient shares. */
export interface SdkContext {
  readonly fingerprint: string;
  /** The machine's name sent on activation, shown to admins; null sends none. */
  readonly machineName: string | null;
  readonly transport: Transport;
  readonly jwks: JwksCache;
  readonly verifier: Verifier;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly random: Random;
  readonly retry: RetryPolicy;
}
