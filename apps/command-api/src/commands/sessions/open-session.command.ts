import type { EventOf, SessionKind } from '@lic/domain';
import { LicenseOperation } from '../license-operation';

/** S1–S4: a user's session takes a slot; the session as opened. */
export class OpenSessionCommand extends LicenseOperation<
  { licenseId: string; username: string; kind: SessionKind },
  EventOf<'SessionOpened.v1'>['data']
> {}
