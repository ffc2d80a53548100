import * as t from 'io-ts';
import {
  Id,
  NonEmptyText,
  Policy,
  PositiveInt,
  Username,
  presetNames,
  type PresetName,
} from '@lic/domain';

/** Request shapes of the admin API (documented in the OpenAPI document). */
const Preset = t.keyof(
  Object.fromEntries(presetNames.map((n) => [n, null])) as Record<PresetName, null>,
  'Preset',
);

export const CreateProductBody = t.intersection(
  [t.type({ name: NonEmptyText }), t.partial({ product_id: Id, with_presets: t.boolean })],
  'CreateProductBody',
);
export const DefineVariantBody = t.union(
  [t.type({ variant_id: Id, preset: Preset }), t.type({ variant_id: Id, policy: Policy })],
  'DefineVariantBody',
);
export const ChangePolicyBody = t.type({ policy: Policy }, 'ChangePolicyBody');
export const IssueLicenseBody = t.intersection(
  [
    t.type({ product_id: Id, variant_id: Id }),
    t.partial({
      license_id: Id,
      licensee: t.union([NonEmptyText, t.null]),
      trial: t.boolean,
      seats: t.partial({
        max_machines: PositiveInt,
        max_floating_users: PositiveInt,
        max_sessions: PositiveInt,
      }),
    }),
  ],
  'IssueLicenseBody',
);
export type IssueLicenseBody = t.TypeOf<typeof IssueLicenseBody>;
export const ReasonBody = t.type({ reason: NonEmptyText }, 'ReasonBody');
export const DetailBody = t.type({ detail: NonEmptyText }, 'DetailBody');
export const RenewBody = t.partial({ days: PositiveInt }, 'RenewBody');
export const ReservedAccountsBody = t.type(
  { usernames: t.array(Username) },
  'ReservedAccountsBody',
);
export const MintTokenBody = t.intersection(
  [
    t.type({ subject: Id, roles: t.array(t.keyof({ admin: null, auditor: null })) }),
    t.partial({ ttl_hours: PositiveInt }),
  ],
  'MintTokenBody',
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
