/**
 * The dashboard's pure view functions. They run in the browser: the page embeds their source
 * (see client-script.ts), so each is a self-contained `function` declaration that uses only its
 * arguments, the other functions of this file and the language itself — no imports, no DOM.
 * Tested directly in view.spec.ts.
 */

export interface SeatCountView {
  readonly cap: number | null;
  readonly in_use: number;
  readonly reserved?: number;
}

export interface LicenseRowView {
  readonly license_id: string;
  readonly licensee: string | null;
  readonly product_id: string;
  readonly product_name: string | null;
  readonly license_type: string;
  readonly status: string;
  readonly expires_at: string | null;
  readonly seats: Readonly<Record<string, SeatCountView | null>>;
}

export interface LicenseFilterView {
  readonly search: string;
  readonly product: string;
  readonly status: string;
  readonly type: string;
}

/** "3 / 10"; a site license's unlimited seats read "3 in use · unlimited", never "3 / ∞". */
export function seatText(count: SeatCountView | null | undefined): string {
  if (count === null || count === undefined) return '—';
  if (count.cap === null) return count.in_use + ' in use · unlimited';
  return count.in_use + ' / ' + count.cap;
}

/** How full a pool is, 0..1; null when unlimited or absent. */
export function seatRatio(count: SeatCountView | null | undefined): number | null {
  if (count === null || count === undefined || count.cap === null) return null;
  if (count.cap === 0) return 1;
  return Math.min(1, count.in_use / count.cap);
}

export function kindLabel(kind: string): string {
  return kind === 'machine' ? 'Machines' : kind === 'lease' ? 'Floating' : 'Sessions';
}

/** 2026-03-02 09:15 UTC (minutes), or — for none. */
export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return '—';
  return iso.slice(0, 10) + ' ' + iso.slice(11, 16) + ' UTC';
}

/** "in 5 min", "3 h ago", "in 12 days", "just now", relative to the server's instant. */
export function relativeTime(iso: string | null | undefined, nowIso: string): string {
  if (!iso) return '—';
  const ms = Date.parse(iso) - Date.parse(nowIso);
  const abs = Math.abs(ms);
  if (abs < 45000) return 'just now';
  const units: [number, string][] = [
    [86400000, 'day'],
    [3600000, 'h'],
    [60000, 'min'],
  ];
  for (const [size, name] of units) {
    if (abs >= size) {
      const n = Math.round(abs / size);
      const label = name === 'day' ? (n === 1 ? ' day' : ' days') : ' ' + name;
      return ms > 0 ? 'in ' + n + label : n + label + ' ago';
    }
  }
  return ms > 0 ? 'in 1 min' : '1 min ago';
}

/** Who a refusal was about: a machine, a user, a service account, or a tally of many. */
export function clientLabel(client: { type: string; id: string } | null): string {
  if (client === null) return 'several clients (tallied)';
  const kind = client.type === 'service-account' ? 'service account' : client.type;
  return kind + ' ' + client.id;
}

export function statusTone(status: string): string {
  if (status === 'active') return 'ok';
  if (status === 'degraded' || status === 'suspended') return 'warn';
  return 'bad';
}

export function licenseName(l: { licensee: string | null; license_id: string }): string {
  return l.licensee || l.license_id;
}

export function filterLicenses(
  licenses: readonly LicenseRowView[],
  f: LicenseFilterView,
): LicenseRowView[] {
  const words = f.search.toLowerCase().split(/\s+/).filter(Boolean);
  return licenses.filter((l) => {
    if (f.product && l.product_id !== f.product) return false;
    if (f.status && l.status !== f.status) return false;
    if (f.type && l.license_type !== f.type) return false;
    const text = [l.license_id, l.licensee || '', l.product_id, l.product_name || '']
      .join(' ')
      .toLowerCase();
    return words.every((w) => text.indexOf(w) >= 0);
  });
}

/** The value a column sorts by: names alphabetically, seats by how full, expiry by date. */
export function sortValue(l: LicenseRowView, key: string): string | number {
  if (key === 'licensee') return licenseName(l).toLowerCase();
  if (key === 'product') return (l.product_name || l.product_id).toLowerCase();
  if (key === 'type') return l.license_type;
  if (key === 'status') return l.status;
  if (key === 'expires') return l.expires_at || '9999';
  const ratio = seatRatio(l.seats[key]);
  const count = l.seats[key];
  return ratio === null ? (count ? -1 + count.in_use / 1e9 : -2) : ratio;
}

export function sortLicenses(
  licenses: readonly LicenseRowView[],
  key: string,
  descending: boolean,
): LicenseRowView[] {
  const sign = descending ? -1 : 1;
  return licenses.slice().sort((a, b) => {
    const x = sortValue(a, key);
    const y = sortValue(b, key);
    if (x < y) return -sign;
    if (x > y) return sign;
    return a.license_id < b.license_id ? -1 : 1;
  });
}

export interface HolderView {
  readonly kind: string;
  readonly who: string;
  readonly detail: string;
  readonly since: string;
  readonly expires_at: string | null;
}

/** Everyone holding a seat of a license, one row each, longest held first. */
export function holderRows(holders: {
  activations: {
    fingerprint: string;
    hostname: string | null;
    since: string;
    activation_id: string;
  }[];
  leases: {
    fingerprint: string;
    hostname: string | null;
    since: string;
    expires_at: string;
    lease_id: string;
  }[];
  sessions: { username: string; kind: string; since: string; expires_at: string }[];
}): HolderView[] {
  const rows: HolderView[] = [];
  for (const a of holders.activations) {
    rows.push({
      kind: 'Machine',
      who: a.hostname || a.fingerprint,
      detail:
        (a.hostname ? 'fingerprint ' + a.fingerprint + ' · ' : '') +
        'activation ' +
        a.activation_id,
      since: a.since,
      expires_at: null,
    });
  }
  for (const l of holders.leases) {
    rows.push({
      kind: 'Floating lease',
      who: l.hostname || l.fingerprint,
      detail: (l.hostname ? 'fingerprint ' + l.fingerprint + ' · ' : '') + 'lease ' + l.lease_id,
      since: l.since,
      expires_at: l.expires_at,
    });
  }
  for (const s of holders.sessions) {
    rows.push({
      kind: s.kind === 'service' ? 'Service account' : 'User session',
      who: s.username,
      detail: s.kind === 'service' ? 'service session' : 'interactive session',
      since: s.since,
      expires_at: s.expires_at,
    });
  }
  return rows.sort((a, b) => (a.since < b.since ? -1 : a.since > b.since ? 1 : 0));
}
