import * as t from 'io-ts';
import { Id } from '@lic/domain';
import { decodeOr400 } from './decode';

/** A route's :licenseId, decoded like any other input. */
export const licenseIdParam = (value: unknown): string =>
  decodeOr400(t.type({ licenseId: Id }), { licenseId: value }, 'params').licenseId;
