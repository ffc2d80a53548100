import { upcaster, upcasters } from '../shared/upcasting';
import {
  leaseCheckedOutV1,
  licenseEvent,
  machineActivatedV1,
  type EventOf,
} from './license.events';

/**
 * Older versions of license events, as they were written: kept only to be read and upcast.
 * A new version of an event adds its codec here and one upcaster from the version before;
 * every reader then sees the current version only (stored-event.ts).
 */
export const MachineActivatedV1 = licenseEvent('MachineActivated.v1', machineActivatedV1);
export const LeaseCheckedOutV1 = licenseEvent('LeaseCheckedOut.v1', leaseCheckedOutV1);

/** The release before v2 recorded no machine name: a v1 activation names none. */
export const machineActivatedV1ToV2 = upcaster(
  MachineActivatedV1,
  (old): EventOf<'MachineActivated.v2'> => ({
    type: 'MachineActivated.v2',
    data: { ...old.data, hostname: null },
  }),
);

/** The release before v2 recorded no machine name on a lease: a v1 checkout names none. */
export const leaseCheckedOutV1ToV2 = upcaster(
  LeaseCheckedOutV1,
  (old): EventOf<'LeaseCheckedOut.v2'> => ({
    type: 'LeaseCheckedOut.v2',
    data: { ...old.data, hostname: null },
  }),
);

/** Every license event upcaster, applied in order by the one decode point. */
export const licenseUpcasters = upcasters(machineActivatedV1ToV2, leaseCheckedOutV1ToV2);
