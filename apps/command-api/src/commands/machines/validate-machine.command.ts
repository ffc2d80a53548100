import type { LicenseStatusName } from '@lic/domain';
import type { LicenseFacts } from '../license-use-case';
import { LicenseOperation } from '../license-operation';
import type { Granted } from './granted';

/** A validation's answer: a refreshed token (O3), or the token kept, with the status (O4). */
export type Validated =
  | ({ readonly refreshed: true } & Granted)
  | {
      readonly refreshed: false;
      readonly license: LicenseFacts;
      readonly status: LicenseStatusName;
      readonly activationId: string;
      readonly tokenId: string;
      readonly expiresAt: number;
    };

/** O3, O4, M4: check a machine's token (a compact JWS) against the license, on every call. */
export class ValidateMachineCommand extends LicenseOperation<
  { licenseId: string; token: string; fingerprint: string },
  Validated
> {}
