import { defaultFloating, defaultSessions, type Policy } from './policy';

/** Per-license seat caps an admin may set when issuing a license (absent: the variant's). */
export interface SeatCapOverrides {
  readonly maxMachines?: number;
  readonly maxFloatingUsers?: number;
  readonly maxSessions?: number;
}

/**
 * The variant's policy with a license's own seat caps; a cap for an overlay the variant lacks
 * adds that overlay with its defaults.
 */
export const withSeatCaps = (policy: Policy, caps: SeatCapOverrides): Policy => ({
  ...policy,
  ...(caps.maxMachines !== undefined ? { maxMachines: caps.maxMachines } : {}),
  ...(caps.maxFloatingUsers !== undefined
    ? {
        floating: {
          ...(policy.floating ?? defaultFloating),
          maxFloatingUsers: caps.maxFloatingUsers,
        },
      }
    : {}),
  ...(caps.maxSessions !== undefined
    ? { sessions: { ...(policy.sessions ?? defaultSessions), maxSessions: caps.maxSessions } }
    : {}),
});
