import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { loadConfig } from '@lic/config';
import {
  evolveLicense,
  initialLicenseState,
  licenseDecider,
  offlineDays,
  presets,
  toIso,
  type IssuedLicense,
} from '@lic/domain';
import { openKeyRing, verifyMachineToken } from '@lic/signing';
import { Signer } from './signer';

const T0 = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;

/** A studio license, issued by the domain's own decider. */
const studioLicense = (): IssuedLicense => {
  const decided = licenseDecider.decide(
    {
      type: 'IssueLicense',
      licenseId: 'lic-1',
      actor: { kind: 'admin', id: 'alice' },
      productId: 'p',
      variantId: 'studio',
      policy: presets.studio,
      keyHash: 'a'.repeat(64),
      licensee: null,
      trial: false,
    },
    initialLicenseState,
    { now: T0 },
  );
  if (E.isLeft(decided)) throw new Error(decided.left.code);
  const state = decided.right.reduce(evolveLicense, initialLicenseState);
  if (state.kind !== 'issued') throw new Error('not issued');
  return state;
};

describe('the signer states the domain offline allowance', () => {
  const dir = mkdtempSync(join(tmpdir(), 'signer-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(['active', 'degraded', 'suspended'] as const)(
    'O2: a %s license token carries the allowance the domain gives that status',
    async (status) => {
      const ring = await openKeyRing({ dir, now: T0 });
      const config = loadConfig({});
      if (E.isLeft(config)) throw new Error(config.left);
      const signer = new Signer(ring, config.right);
      const license = studioLicense();
      const policy = license.policy;
      const facts = { licenseId: license.licenseId, offlineDays: policy.offlineDays };
      const token = await signer.machineToken(facts, 'act-1', 'ws', {
        tokenId: 'tok-1',
        issuedAt: toIso(T0),
        expiresAt: toIso(T0 + DAY),
        status,
      });
      const verified = await verifyMachineToken(ring, token, T0);
      if (verified.kind === 'invalid') throw new Error(verified.reason);
      expect(verified.claims.offlineDays).toBe(offlineDays(policy.offlineDays, status));
      expect(verified.claims.offlineDays).toBe({ active: 30, degraded: 1, suspended: 3 }[status]);
    },
  );
});
