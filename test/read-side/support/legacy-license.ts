import { eventsFor, presets, type LicenseEvent, type Policy } from '@lic/domain';
import { T0 } from './harness';
import { admin } from './license-world';

export const NUL = String.fromCharCode(0);

/**
 * A license as a version without bounds could record it (issue 11): a floating cap of 3e9,
 * text that the read databases cannot hold as is, and optionally a machine cap past 2^53.
 * Such events still decode (an event log is forever); the read side must take them.
 */
export const legacyLicense = (values: {
  readonly licensee: string;
  readonly suspendedFor: string;
  readonly maxMachines?: number;
}): LicenseEvent[] => {
  const make = eventsFor('lic-legacy', T0, admin);
  const policy = {
    ...presets['render-farm'],
    ...(values.maxMachines === undefined ? {} : { maxMachines: values.maxMachines }),
    floating: { maxFloatingUsers: 3_000_000_000, floatingTimeoutMinutes: 15 },
  } as Policy;
  return [
    make('LicenseIssued.v1', {
      productId: 'prod-1',
      variantId: 'render-farm',
      policy,
      keyHash: 'a'.repeat(64),
      licensee: values.licensee,
      trial: false,
      expiresAt: null,
    }),
    make('LicenseSuspended.v1', { reason: values.suspendedFor }),
  ];
};
