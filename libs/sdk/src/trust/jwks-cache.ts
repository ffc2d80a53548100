import { badResponse } from '../errors/license-error';
import type { Transport } from '../http/transport';
import type { Clock } from '../time/clock';
import { isJwks, type Jwks } from './jwks';

export const JWKS_PATH = '/.well-known/jwks.json';

export interface JwksCacheOptions {
  /** Keys known beforehand (from the token cache, or pinned by the program). */
  readonly initial?: Jwks | null;
  /** No two fetches closer than this (default 30 s): a flood of unknown kids costs little. */
  readonly minRefreshIntervalMs?: number;
  /** Told of every document fetched, e.g. to keep it in the token cache for offline use. */
  readonly onFetched?: (jwks: Jwks) => void;
}

/**
 * The server's public keys: fetched once, then kept. An unknown `kid` (after a key rotation)
 * triggers one refresh per kid, and never two fetches within the minimum interval.
 */
export class JwksCache {
  private document: Jwks | null;
  private lastFetchAt = Number.NEGATIVE_INFINITY;
  private readonly triedKids = new Set<string>();
  private inFlight: Promise<Jwks> | null = null;
  private readonly minRefreshIntervalMs: number;

  constructor(
    private readonly transport: Transport,
    private readonly clock: Clock,
    private readonly options: JwksCacheOptions = {},
  ) {
    this.document = options.initial ?? null;
    this.minRefreshIntervalMs = options.minRefreshIntervalMs ?? 30_000;
  }

  /** The keys as last known, without any network. */
  get current(): Jwks | null {
    return this.document;
  }

  /** How many times the JWKS was fetched (diagnostics, tests). */
  fetches = 0;

  /** Adopts keys kept from an earlier run, unless newer ones are known already. */
  remember(jwks: Jwks): void {
    this.document ??= jwks;
  }

  /** The keys, fetched on first use only. */
  async keys(): Promise<Jwks> {
    return this.document ?? this.fetch();
  }

  /** Fetches again for a kid not seen before, unless done recently; true if now known. */
  async refreshFor(kid: string): Promise<boolean> {
    if (this.triedKids.has(kid)) return false;
    if (this.clock.now() - this.lastFetchAt < this.minRefreshIntervalMs) return false;
    this.triedKids.add(kid);
    const document = await this.fetch();
    return document.keys.some((k) => k.kid === kid);
  }

  private fetch(): Promise<Jwks> {
    this.inFlight ??= (async () => {
      try {
        const answer = await this.transport.get(JWKS_PATH);
        if (!isJwks(answer)) throw badResponse(`${JWKS_PATH} is not a JWKS document`);
        this.fetches++;
        this.lastFetchAt = this.clock.now();
        this.document = answer;
        this.options.onFetched?.(answer);
        return answer;
      } finally {
        this.inFlight = null;
      }
    })();
    return this.inFlight;
  }
}
