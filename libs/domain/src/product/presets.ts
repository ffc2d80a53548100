import { defaultPolicyFields, defaultSessions, type Policy } from './policy';

/**
 * The five variants of seed 002 and the user-session variant of seed 000. Where the seed gives
 * a range ("1-2 machines", "3-10") the preset takes its top; an admin can override the cap when
 * issuing a license (`seats`).
 */
export const presets = {
  indie: {
    ...defaultPolicyFields,
    licenseType: 'per-machine',
    maxMachines: 2,
  },
  studio: {
    ...defaultPolicyFields,
    licenseType: 'per-machine',
    maxMachines: 10,
  },
  'render-farm': {
    ...defaultPolicyFields,
    licenseType: 'floating',
    maxMachines: null,
    // "Session-only": no offline use; a machine's token lives as long as its lease.
    offlineDays: { active: 0, degraded: 0, suspended: 0 },
    tokenRefreshAfterDays: 1,
    floating: { maxFloatingUsers: 50, floatingTimeoutMinutes: 15 },
  },
  site: {
    ...defaultPolicyFields,
    licenseType: 'site',
    maxMachines: null,
    geoSpread: { enabled: false, maxCountries: 3 },
  },
  trial: {
    ...defaultPolicyFields,
    licenseType: 'per-machine',
    maxMachines: 1,
    defaultTrialDays: 14,
  },
  /**
   * Seed 000: a server product whose users log in. Each open session takes one of 10 slots
   * (S1); interactive sessions idle out after 20 minutes (S2), service sessions last an hour at
   * most (S3); machines take no seat. Reserved accounts are set per license (S4): with 2 of
   * the 10 reserved — the seed's example — those two can always log in and the other users
   * share 8.
   */
  'user-sessions': {
    ...defaultPolicyFields,
    licenseType: 'site',
    maxMachines: null,
    geoSpread: { enabled: false, maxCountries: 3 },
    sessions: defaultSessions,
  },
} as const satisfies Record<string, Policy>;

export type PresetName = keyof typeof presets;
export const presetNames = Object.keys(presets) as PresetName[];
