import type { EventOf, SessionKind } from '@lic/domain';
import { LicenseOperation } from '../license-operation';

/** The session as opened: its id, pool (S4) and expiries (S2, S3). */
export type Opened = EventOf<'SessionOpened.v1'>['data'];

/** S1–S4: a user's session takes a slot. */
export class OpenSessionCommand extends LicenseOperation<
  { licenseId: string; username: string; kind: SessionKind },
  Opened
> {}
