import { homedir } from 'node:os';
import { join } from 'node:path';
import { TokenCache } from './cache/token-cache';
import type { SdkContext } from './context';
import { localMachineName, machineFingerprint } from './fingerprint/machine-fingerprint';
import { checkout, type CheckoutOptions } from './floating/checkout';
import { processExitHooks, type ExitHooks } from './floating/exit-hooks';
import type { Lease } from './floating/lease';
import { defaultRetryPolicy, type RetryPolicy } from './http/retrying';
import { Transport, type FetchLike } from './http/transport';
import type { LicenseCheck } from './license/license-check';
import { MachineLicense } from './license/machine-license';
import { RecordStore, keyIdOf } from './license/record-store';
import type { Random } from './time/backoff';
import { wallClock, type Clock } from './time/clock';
import { timerScheduler, type Scheduler } from './time/scheduler';
import { JwksCache } from './trust/jwks-cache';
import type { Jwks } from './trust/jwks';
import { Verifier } from './trust/verifier';

export interface LicenseClientOptions {
  /** The license server, e.g. https://license.example.com */
  readonly serverUrl: string;
  readonly licenseKey: string;
  /** This machine's fingerprint; default machineFingerprint(). */
  readonly fingerprint?: string;
  /**
   * The token cache file (O8); null keeps the token in memory only. Default:
   * ~/.cache/licensing-sdk/<hash of server and key>.lic
   */
  readonly cacheFile?: string | null;
  /**
   * The machine's name sent on activation (the seed's `hostname`), so admins see which machine
   * holds a seat; default this host's name; null sends none.
   */
  readonly machineName?: string | null;
  /** ISO 3166-1 alpha-2 country sent on activation (geo-spread detection, O6). */
  readonly country?: string;
  /** Time: default the wall clock. */
  readonly clock?: Clock;
  /** Delays: default Node timers. */
  readonly scheduler?: Scheduler;
  /** HTTP: default the global fetch. */
  readonly fetch?: FetchLike;
  /** Per request, default 10 s; past it the server counts as unreachable. */
  readonly requestTimeoutMs?: number;
  /** Retries of checkout and checkin (same Idempotency-Key); default 5 attempts, 250 ms … 4 s. */
  readonly retry?: RetryPolicy;
  /** Jitter source, default Math.random. */
  readonly random?: Random;
  /** The server's keys, if known beforehand (otherwise fetched once from /.well-known/jwks.json). */
  readonly jwks?: Jwks;
  /** Minimum time between two JWKS fetches for unknown kids, default 30 s. */
  readonly jwksRefreshIntervalMs?: number;
  /**
   * Check leases in on SIGINT, SIGTERM and beforeExit (default true: the process's shared
   * hooks); false for none, or hooks of your own.
   */
  readonly exitHooks?: boolean | ExitHooks;
}

export const defaultCacheFile = (serverUrl: string, licenseKey: string): string =>
  join(homedir(), '.cache', 'licensing-sdk', `${keyIdOf(`${serverUrl}\n${licenseKey}`)}.lic`);

/**
 * The license server's client: checkLicense() for a per-machine license, checkout() for a
 * floating seat. Needs nothing but Node 20 (fetch, crypto, fs) and jose.
 */
export class LicenseClient {
  readonly fingerprint: string;
  readonly cacheFile: string | null;
  private readonly ctx: SdkContext;
  private readonly machine: MachineLicense;
  private readonly hooks: ExitHooks | null;
  private readonly leases = new Set<Lease>();

  constructor(options: LicenseClientOptions) {
    const clock = options.clock ?? wallClock();
    const scheduler = options.scheduler ?? timerScheduler;
    this.fingerprint = options.fingerprint ?? machineFingerprint();
    const transport = new Transport({
      serverUrl: options.serverUrl,
      licenseKey: options.licenseKey,
      fetch: options.fetch ?? ((url, init) => fetch(url, init)),
      scheduler,
      timeoutMs: options.requestTimeoutMs ?? 10_000,
    });
    const jwks = new JwksCache(transport, clock, {
      initial: options.jwks ?? null,
      minRefreshIntervalMs: options.jwksRefreshIntervalMs ?? 30_000,
    });
    this.ctx = {
      fingerprint: this.fingerprint,
      machineName: options.machineName === undefined ? localMachineName() : options.machineName,
      transport,
      jwks,
      verifier: new Verifier(jwks, clock),
      clock,
      scheduler,
      random: options.random ?? Math.random,
      retry: options.retry ?? defaultRetryPolicy,
    };
    this.cacheFile =
      options.cacheFile === undefined
        ? defaultCacheFile(transport.origin, options.licenseKey)
        : options.cacheFile;
    const cache = this.cacheFile === null ? null : new TokenCache(this.cacheFile, this.fingerprint);
    const records = new RecordStore(cache, jwks, transport.origin, keyIdOf(options.licenseKey));
    this.machine = new MachineLicense(this.ctx, records, options.country);
    this.hooks =
      options.exitHooks === false
        ? null
        : options.exitHooks === undefined || options.exitHooks === true
          ? processExitHooks
          : options.exitHooks;
  }

  /**
   * May this program run now? Activates on first use, validates online on every call (a
   * revocation is seen at once, O4) and stores a refreshed token (O3). Without an answer from
   * the server, the cached token decides within its status's offline allowance (O2). Refusals
   * are answers (allowed: false, with the code), not exceptions; a signed answer that fails
   * verification throws a LicenseError UNTRUSTED_RESPONSE.
   */
  checkLicense(): Promise<LicenseCheck> {
    return this.machine.check();
  }

  /** M3: releases this machine's activation and deletes its cached token. */
  deactivate(): Promise<void> {
    return this.machine.deactivate();
  }

  /**
   * Checks out a floating seat (F1) as a Lease that heartbeats itself until release(). Throws
   * a LicenseError: SEATS_EXHAUSTED (unless waitForSeat), LICENSE_REVOKED, UNTRUSTED_RESPONSE, …
   */
  async checkout(options: CheckoutOptions = {}): Promise<Lease> {
    const lease = await checkout(this.ctx, this.hooks, options);
    this.leases.add(lease);
    const forget = () => this.leases.delete(lease);
    lease.once('released', forget);
    lease.once('lost', forget);
    return lease;
  }

  /** How many times this client fetched the server's JWKS. */
  get jwksFetches(): number {
    return this.ctx.jwks.fetches;
  }

  /** Checks in every lease this client holds. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.leases].map((l) => l.release()));
  }
}
