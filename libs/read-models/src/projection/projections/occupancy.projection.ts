import type { HolderKind, LicenseRow, SeatOccupancyRow } from '../../schema/entities';

export type ActiveHolders = Readonly<Record<HolderKind, number>>;

const row = (
  licenseId: string,
  holderKind: HolderKind,
  cap: number | null,
  reserved: number,
  inUse: number,
): SeatOccupancyRow => ({
  licenseId,
  holderKind,
  cap,
  reserved,
  inUse,
  available: cap === null ? null : Math.max(0, cap - inUse),
});

/** The holder kinds a license's policy has seats for. */
export const enabledKinds = (license: LicenseRow): HolderKind[] => [
  ...(license.licenseType === 'floating' ? [] : (['machine'] as const)),
  ...(license.maxFloating === null ? [] : (['lease'] as const)),
  ...(license.maxSessions === null ? [] : (['session'] as const)),
];

/**
 * Seat occupancy as recorded, derived whole from the license and its active holders (so it can
 * never drift from them): cap, reserved, in use, available per holder kind.
 */
export const seatOccupancy = (license: LicenseRow, active: ActiveHolders): SeatOccupancyRow[] => {
  const reserved = (JSON.parse(license.reservedAccounts) as unknown[]).length;
  return enabledKinds(license).map((kind) => {
    switch (kind) {
      case 'machine':
        return row(license.licenseId, kind, license.maxMachines, 0, active.machine);
      case 'lease':
        return row(license.licenseId, kind, license.maxFloating, 0, active.lease);
      case 'session':
        return row(license.licenseId, kind, license.maxSessions, reserved, active.session);
    }
  });
};
