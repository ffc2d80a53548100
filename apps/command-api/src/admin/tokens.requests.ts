import * as t from 'io-ts';
import { AccessRole, Id, TokenLabel, bounded, closed, intRange } from '@lic/domain';

/** Longest an admin may mint an access token for: one year. */
export const MAX_TOKEN_TTL_HOURS = 8_760;

/** One or both roles, each once. */
const Roles = bounded(
  t.array(AccessRole),
  (roles) => roles.length >= 1 && roles.length <= 2 && new Set(roles).size === roles.length,
  'one or both of "admin" and "auditor", each once',
  { maxItems: 2 },
);

export const MintTokenBody = closed(
  t.intersection(
    [
      t.type({ subject: Id, roles: Roles }),
      t.partial({ ttl_hours: intRange(1, MAX_TOKEN_TTL_HOURS), label: TokenLabel }),
    ],
    'MintTokenBody',
  ),
);
export type MintTokenBody = t.TypeOf<typeof MintTokenBody>;

export const TokenParam = t.type({ id: Id }, 'TokenParam');
