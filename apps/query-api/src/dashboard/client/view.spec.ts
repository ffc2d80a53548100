import { Script } from 'node:vm';
import { DASHBOARD_JS } from './client-script';
import {
  clientLabel,
  filterLicenses,
  holderRows,
  relativeTime,
  seatText,
  sortLicenses,
  type LicenseRowView,
} from './view';

const license = (
  id: string,
  licensee: string | null,
  lease: { cap: number | null; in_use: number } | null,
  extra: Partial<LicenseRowView> = {},
): LicenseRowView => ({
  license_id: id,
  licensee,
  product_id: 'maya',
  product_name: 'Maya plug-in',
  license_type: 'floating',
  status: 'active',
  expires_at: null,
  seats: { machine: null, lease, session: null },
  ...extra,
});

describe('dashboard view functions', () => {
  it('T1: a site license reads as unlimited, never "0 / ∞"; a capped pool as used / cap', () => {
    expect(seatText({ cap: null, in_use: 0 })).toBe('0 in use · unlimited');
    expect(seatText({ cap: 10, in_use: 3 })).toBe('3 / 10');
    expect(seatText(null)).toBe('—');
  });

  it('U2: a refusal names who was refused', () => {
    expect(clientLabel({ type: 'machine', id: 'render-node-07' })).toBe('machine render-node-07');
    expect(clientLabel({ type: 'service-account', id: 'ci-bot' })).toBe('service account ci-bot');
    expect(clientLabel(null)).toBe('several clients (tallied)');
  });

  it('F5: times are relative to the server’s instant (the test clock’s, when it runs)', () => {
    const now = '2026-03-02T09:00:00.000Z';
    expect(relativeTime('2026-03-02T09:15:00.000Z', now)).toBe('in 15 min');
    expect(relativeTime('2026-03-02T06:00:00.000Z', now)).toBe('3 h ago');
    expect(relativeTime('2026-03-26T09:00:00.000Z', now)).toBe('in 24 days');
    expect(relativeTime('2026-03-02T09:00:10.000Z', now)).toBe('just now');
  });

  it('A2: search matches licensee, id and product; filters combine; columns sort', () => {
    const all = [
      license('lic-1', 'Studio Nine', { cap: 10, in_use: 9 }),
      license('lic-2', 'Acme Films', { cap: 10, in_use: 1 }, { status: 'suspended' }),
      license(
        'lic-3',
        null,
        { cap: null, in_use: 40 },
        { product_id: 'houdini', product_name: 'Houdini' },
      ),
    ];
    const none = { search: '', product: '', status: '', type: '' };
    expect(filterLicenses(all, { ...none, search: 'studio' }).map((l) => l.license_id)).toEqual([
      'lic-1',
    ]);
    expect(filterLicenses(all, { ...none, search: 'HOUD' }).map((l) => l.license_id)).toEqual([
      'lic-3',
    ]);
    expect(filterLicenses(all, { ...none, status: 'suspended' }).map((l) => l.license_id)).toEqual([
      'lic-2',
    ]);
    expect(sortLicenses(all, 'licensee', false).map((l) => l.license_id)).toEqual([
      'lic-2',
      'lic-3',
      'lic-1',
    ]);
    // By how full: unlimited pools last when ascending, fullest first when descending.
    expect(sortLicenses(all, 'lease', true).map((l) => l.license_id)).toEqual([
      'lic-1',
      'lic-2',
      'lic-3',
    ]);
  });

  it('A2: holders of every kind in one list, longest held first', () => {
    const rows = holderRows({
      activations: [
        {
          fingerprint: 'fp-9c1e',
          hostname: 'ws-anna',
          since: '2026-03-02T08:00:00.000Z',
          activation_id: 'a1',
        },
      ],
      leases: [
        {
          fingerprint: 'node-7',
          hostname: null,
          since: '2026-03-02T08:30:00.000Z',
          expires_at: '2026-03-02T08:45:00.000Z',
          lease_id: 'L1',
        },
      ],
      sessions: [
        {
          username: 'ci-bot',
          kind: 'service',
          since: '2026-03-02T07:00:00.000Z',
          expires_at: '2026-03-02T08:00:00.000Z',
        },
      ],
    });
    expect(rows.map((r) => [r.kind, r.who])).toEqual([
      ['Service account', 'ci-bot'],
      ['Machine', 'ws-anna'],
      ['Floating lease', 'node-7'],
    ]);
  });

  it('A2: the script the browser gets parses as one program (the view functions are embedded whole)', () => {
    expect(() => new Script(DASHBOARD_JS)).not.toThrow();
    expect(DASHBOARD_JS).toContain('function seatText(');
    expect(DASHBOARD_JS).not.toMatch(/\bexports\./);
  });
});
