import { fetchOnceMore } from '../../support/fetch-once-more';

/**
 * Values for the examples' placeholders, made on a running system through the command API:
 * for each example a product of its own (with the presets), a variant that has every seat kind,
 * a license of it, and — when the example names them — a lease, a session, a machine, an
 * auditor token, a token to revoke. Each example gets fresh ones, so examples never depend on each other's order.
 */
export const PLACEHOLDERS = [
  'admin_token',
  'auditor_token',
  'token_id',
  'product_id',
  'variant_id',
  'license_id',
  'license_key',
  'lease_token',
  'lease_id',
  'session_id',
  'activation_id',
  'machine_token',
  'fingerprint',
  'position',
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

export const placeholdersIn = (value: unknown): string[] =>
  [...JSON.stringify(value ?? null).matchAll(/\{([a-z_]+)\}/g)].map((m) => m[1] ?? '');

/** Replaces `{name}` in every string of a JSON value. */
export const substitute = <T>(value: T, values: Readonly<Record<string, string>>): T =>
  JSON.parse(
    JSON.stringify(value ?? null).replace(/\{([a-z_]+)\}/g, (whole, name: string) => {
      const v = values[name];
      return v === undefined ? whole : JSON.stringify(v).slice(1, -1);
    }),
  ) as T;

/** A variant with every kind of seat, so any example finds what it needs on its license. */
const everything = {
  licenseType: 'per-machine',
  maxMachines: 5,
  durationDays: 365,
  defaultTrialDays: null,
  offlineDays: { active: 30, degraded: 1, suspended: 3 },
  tokenRefreshAfterDays: 23,
  floating: { maxFloatingUsers: 5, floatingTimeoutMinutes: 15 },
  sessions: { maxSessions: 10, interactiveIdleMinutes: 20, serviceMaxMinutes: 60 },
  activationRateLimit: { maxAttempts: 15, windowMinutes: 60 },
  geoSpread: { enabled: true, maxCountries: 3 },
  machineChurn: { enabled: true, maxDeactivations: 10, windowDays: 30 },
  refusalLog: { windowSeconds: 60, maxPerWindow: 600 },
  idempotencyRetentionHours: 24,
};

export class Fixtures {
  private n = 0;
  private position = 0n;

  constructor(
    private readonly commandUrl: string,
    private readonly adminToken: string,
    /** Keeps the products of several Fixtures on one system apart. */
    private readonly prefix = 'fx',
  ) {}

  /** The highest X-Event-Position any fixture request answered with. */
  get lastPosition(): bigint {
    return this.position;
  }

  private async call(
    path: string,
    body: unknown,
    authorization: string,
    headers: Record<string, string> = {},
  ): Promise<Record<string, unknown>> {
    const r = await fetchOnceMore(this.commandUrl + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization, ...headers },
      body: JSON.stringify(body),
    });
    const text = await r.text();
    if (r.status >= 300) throw new Error(`fixture POST ${path}: ${r.status} ${text}`);
    const position = r.headers.get('x-event-position');
    if (position !== null && BigInt(position) > this.position) this.position = BigInt(position);
    return JSON.parse(text) as Record<string, unknown>;
  }

  /** Fresh values for `wanted` placeholders (and whatever they depend on). */
  async make(wanted: ReadonlySet<string>): Promise<Record<Placeholder, string>> {
    const unknown = [...wanted].filter((p) => !(PLACEHOLDERS as readonly string[]).includes(p));
    if (unknown.length) throw new Error(`unknown placeholders: ${unknown.join(', ')}`);
    const n = ++this.n;
    const admin = `Bearer ${this.adminToken}`;
    const values: Partial<Record<Placeholder, string>> = { admin_token: this.adminToken };
    const productId = `${this.prefix}-product-${n}`;
    await this.call('/admin/v1/products', { product_id: productId, name: `Fixture ${n}` }, admin);
    await this.call(
      `/admin/v1/products/${productId}/variants`,
      { variant_id: 'fx-all', policy: everything },
      admin,
    );
    const license = await this.call(
      '/admin/v1/licenses',
      { product_id: productId, variant_id: 'fx-all', licensee: `Fixture ${n}` },
      admin,
    );
    Object.assign(values, {
      product_id: productId,
      variant_id: 'fx-all',
      license_id: String(license.license_id),
      license_key: String(license.license_key),
    });
    const key = `License ${values.license_key}`;
    if (wanted.has('lease_token') || wanted.has('lease_id')) {
      const lease = await this.call(
        '/api/v1/license/floating/checkout',
        { fingerprint: 'fx-node' },
        key,
        { 'idempotency-key': `fx-${n}` },
      );
      values.lease_token = String(lease.lease_token);
      values.lease_id = values.lease_token.slice('llt_'.length);
    }
    if (wanted.has('session_id')) {
      const session = await this.call(
        '/api/v1/sessions',
        { username: 'fx-user', kind: 'interactive' },
        key,
      );
      values.session_id = String(session.session_id);
    }
    if (['activation_id', 'machine_token', 'fingerprint'].some((p) => wanted.has(p))) {
      const machine = await this.call('/api/v1/activate', { fingerprint: 'fx-machine' }, key);
      values.activation_id = String(machine.activation_id);
      values.machine_token = String(machine.token);
      values.fingerprint = 'fx-machine';
    }
    if (wanted.has('auditor_token')) {
      const minted = await this.call(
        '/admin/v1/tokens',
        { subject: 'fx-auditor', roles: ['auditor'] },
        admin,
      );
      values.auditor_token = String(minted.token);
    }
    if (wanted.has('token_id')) {
      const minted = await this.call(
        '/admin/v1/tokens',
        { subject: 'fx-revocable', roles: ['auditor'], label: `fixture ${n}` },
        admin,
      );
      values.token_id = String(minted.token_id);
    }
    values.position = this.position.toString();
    return values as Record<Placeholder, string>;
  }
}
