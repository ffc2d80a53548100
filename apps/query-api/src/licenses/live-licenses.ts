import type { LicenseRow } from '@lic/read-models';
import type { Moment } from '../consistency/read-moment';
import { NO_HOLDERS, liveSeats } from '../seats/live-seats';
import type { SeatsView } from '../seats/seats.view';
import type { LicenseReader } from './license-reader';

/** A license row with its live seats and its product's name. */
export interface LiveLicense {
  readonly row: LicenseRow;
  readonly seats: SeatsView;
  readonly productName: string | null;
}

/** The licenses read, each with its live seats (counted by liveSeats) at the moment given. */
export const liveLicenses = async (
  reader: LicenseReader,
  rows: readonly LicenseRow[],
  moment: Moment,
): Promise<LiveLicense[]> => {
  const [holders, names] = await Promise.all([
    reader.activeHolders(
      rows.map((r) => r.licenseId),
      moment.now,
    ),
    reader.productNames(rows.map((r) => r.productId)),
  ]);
  return rows.map((row) => ({
    row,
    seats: liveSeats(row, holders.get(row.licenseId) ?? NO_HOLDERS, moment.now, moment.position),
    productName: names.get(row.productId) ?? null,
  }));
};
