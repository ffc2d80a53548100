import * as t from 'io-ts';
import { Id } from '@lic/domain';
import { decodeOr400 } from '@lic/app';

/** A route's {license_id}, decoded like any other input. */
export const licenseIdParam = (value: unknown): string =>
  decodeOr400(t.type({ license_id: Id }), { license_id: value }, 'params').license_id;
