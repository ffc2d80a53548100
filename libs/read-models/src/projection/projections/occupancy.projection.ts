import { seatKinds, seatsAvailable } from '@lic/domain';
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
  available: seatsAvailable({ limit: cap, inUse }),
});

/**
 * Seat occupancy as recorded, derived whole from the license and its active holders (so it can
 * never drift from them): cap, reserved, in use, available per holder kind.
 */
export const seatOccupancy = (license: LicenseRow, active: ActiveHolders): SeatOccupancyRow[] => {
  const reserved = (JSON.parse(license.reservedAccounts) as unknown[]).length;
  return seatKinds(license).map((kind) => {
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
