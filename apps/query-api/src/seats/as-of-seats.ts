import { foldLicenseEventsAt, type FoldedLicense } from '@lic/audit-chain';
import { licenseStream } from '@lic/domain';
import type { EventStore } from '@lic/event-store';

export { seatsAt, UnfoldableHistoryError, type FoldedLicense } from '@lic/audit-chain';

/** A3: the license as it stood at `at`, folded from its stream in the live store. */
export const foldLicenseAt = (
  eventStore: EventStore,
  licenseId: string,
  at: number,
): Promise<FoldedLicense | null> =>
  foldLicenseEventsAt(eventStore.readStream(licenseStream(licenseId)), at);
