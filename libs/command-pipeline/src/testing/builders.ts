import { createHash } from 'node:crypto';
import { presets, type LicenseCommand, type Policy } from '@lic/domain';
import type { EventMetadata } from '@lic/event-store';

/** Builders shared by the pipeline's tests and benchmarks. */
export const admin = { kind: 'admin' as const, id: 'bench' };
export const meta = (actor = 'admin:bench'): EventMetadata => ({
  correlationId: 'corr-1',
  causationId: null,
  actor,
});
export const hashOf = (s: string) => createHash('sha256').update(s).digest('hex');

export const issueCommand = (licenseId: string, policy: Policy): LicenseCommand => ({
  type: 'IssueLicense',
  licenseId,
  actor: admin,
  productId: 'p',
  variantId: 'v',
  policy,
  keyHash: hashOf(`key-${licenseId}`),
  licensee: null,
  trial: false,
});

export const floatingCap = (cap: number): Policy => ({
  ...presets['render-farm'],
  floating: { maxFloatingUsers: cap, floatingTimeoutMinutes: 15 },
});

export const checkoutCommand = (licenseId: string, n: number | string): LicenseCommand => ({
  type: 'CheckoutLease',
  licenseId,
  actor: { kind: 'license', id: licenseId },
  leaseId: `lease-${n}`,
  fingerprint: `node-${n}`,
  idempotencyKey: `key-${n}`,
  requestHash: hashOf(`checkout-${n}`),
});

export const heartbeatCommand = (licenseId: string, leaseId: string): LicenseCommand => ({
  type: 'HeartbeatLease',
  licenseId,
  actor: { kind: 'license', id: licenseId },
  leaseId,
});
