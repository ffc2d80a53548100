import type { Decider } from '../shared/decider';
import type { LicenseCommand } from './license.commands';
import { decideLicense } from './license.decide';
import type { LicenseEvent } from './license.events';
import { evolveLicense } from './license.evolve';
import { initialLicenseState, type LicenseState } from './license.state';

export const licenseDecider: Decider<LicenseCommand, LicenseEvent, LicenseState> = {
  initialState: initialLicenseState,
  evolve: evolveLicense,
  decide: decideLicense,
};

/** Stream naming: one stream per license, one per product. */
export const licenseStream = (licenseId: string): string => `license-${licenseId}`;
export const productStream = (productId: string): string => `product-${productId}`;
