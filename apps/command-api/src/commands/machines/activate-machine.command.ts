import { LicenseOperation } from '../license-operation';
import type { Granted } from './granted';

/** M1, M2, M4, O5: activate a machine; its token. */
export class ActivateMachineCommand extends LicenseOperation<
  { licenseId: string; fingerprint: string; country: string | null; hostname: string | null },
  Granted
> {}
