import type { SeatOccupancyRow } from '../schema/entities';
import { seatOccupancy } from './projections/occupancy.projection';
import type { WorkingSet } from './working-set';

/** Occupancy of every license the batch touched, from its active holders. */
export const occupancyOf = (ws: WorkingSet): SeatOccupancyRow[] => {
  const machine = ws.activations.activeCounts();
  const lease = ws.leases.activeCounts();
  const session = ws.sessions.activeCounts();
  return [...ws.touchedLicenses].flatMap((id) => {
    const license = ws.license(id);
    if (!license) return [];
    return seatOccupancy(license, {
      machine: machine.get(id) ?? 0,
      lease: lease.get(id) ?? 0,
      session: session.get(id) ?? 0,
    });
  });
};
