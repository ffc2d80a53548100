import * as t from 'io-ts';
import {
  Id,
  MAX_RESERVED_ACCOUNTS,
  Policy,
  PolicyOverride,
  Text,
  Username,
  arrayOf,
  closed,
  intRange,
  policyLimits,
  presetNames,
  type PresetName,
} from '@lic/domain';

/**
 * Request shapes of the admin API (documented in the OpenAPI document). Every body is closed:
 * a field it does not declare is a 400 naming it, never silently ignored; every number and
 * text is bounded (policy-limits.ts), and a value out of range is a 400 naming the limit.
 */
const Preset = t.keyof(
  Object.fromEntries(presetNames.map((n) => [n, null])) as Record<PresetName, null>,
  'Preset',
);
const [minSeats, maxSeats] = policyLimits.seats;
const Seats = intRange(minSeats, maxSeats);

export const CreateProductBody = closed(
  t.intersection(
    [t.type({ name: Text }), t.partial({ product_id: Id, with_presets: t.boolean })],
    'CreateProductBody',
  ),
);
/**
 * A variant from a preset, with an optional partial override merged in (deep), or from a
 * complete policy. The merged policy is decoded again with every bound (see the controller).
 */
export const DefineVariantBody = closed(
  t.intersection(
    [t.type({ variant_id: Id }), t.partial({ preset: Preset, policy: PolicyOverride })],
    'DefineVariantBody',
  ),
);
export const ChangePolicyBody = closed(t.type({ policy: Policy }, 'ChangePolicyBody'));
export const IssueLicenseBody = closed(
  t.intersection(
    [
      t.type({ product_id: Id, variant_id: Id }),
      t.partial({
        license_id: Id,
        licensee: t.union([Text, t.null]),
        trial: t.boolean,
        seats: t.partial({ max_machines: Seats, max_floating_users: Seats, max_sessions: Seats }),
      }),
    ],
    'IssueLicenseBody',
  ),
);
export type IssueLicenseBody = t.TypeOf<typeof IssueLicenseBody>;
export const ReasonBody = closed(t.type({ reason: Text }, 'ReasonBody'));
export const DetailBody = closed(t.type({ detail: Text }, 'DetailBody'));
export const RenewBody = closed(
  t.partial({ days: intRange(...policyLimits.durationDays) }, 'RenewBody'),
);
export const ReservedAccountsBody = closed(
  t.type({ usernames: arrayOf(Username, MAX_RESERVED_ACCOUNTS) }, 'ReservedAccountsBody'),
);
export const LicenseParam = t.type({ id: Id }, 'LicenseParam');
export const ProductParam = t.type({ id: Id }, 'ProductParam');
export const VariantParam = t.type({ id: Id, variantId: Id }, 'VariantParam');
export const HolderParam = t.type(
  {
    id: Id,
    holderKind: t.keyof({ activations: null, sessions: null, leases: null }),
    holderId: Id,
  },
  'HolderParam',
);
export const LifecycleParam = t.type(
  {
    id: Id,
    action: t.keyof({
      suspend: null,
      reinstate: null,
      revoke: null,
      renew: null,
      threat: null,
      'clear-threat': null,
    }),
  },
  'LifecycleParam',
);
