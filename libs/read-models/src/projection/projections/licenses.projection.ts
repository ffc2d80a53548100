import { statusOf, type LicenseEvent } from '@lic/domain';
import type { LicenseRow, RecordedStatus } from '../../schema/entities';
import type { LicenseProjected } from '../projected-event';
import type { Projection, RowChange } from '../row-change';

/** The status as events recorded it: the domain's precedence over the row's facts. */
export const recordedStatus = (
  row: Pick<LicenseRow, 'standing' | 'threat' | 'expiredAt'>,
): RecordedStatus =>
  statusOf({ standing: row.standing, threat: row.threat, expired: row.expiredAt !== null });

const issued = (
  e: Extract<LicenseEvent, { type: 'LicenseIssued.v1' }>,
  p: LicenseProjected,
): LicenseRow => {
  const d = e.data;
  return {
    licenseId: d.licenseId,
    productId: d.productId,
    variantId: d.variantId,
    licenseType: d.policy.licenseType,
    licensee: d.licensee,
    trial: d.trial,
    standing: 'active',
    threat: 'normal',
    status: 'active',
    statusReason: null,
    issuedAt: d.at,
    expiresAt: d.expiresAt,
    expiredAt: null,
    maxMachines: d.policy.maxMachines,
    maxFloating: d.policy.floating?.maxFloatingUsers ?? null,
    floatingTimeoutMinutes: d.policy.floating?.floatingTimeoutMinutes ?? null,
    maxSessions: d.policy.sessions?.maxSessions ?? null,
    reservedAccounts: '[]',
    policy: JSON.stringify(d.policy),
    updatedAt: d.at,
    updatedPosition: p.recorded.position,
  };
};

/** What a lifecycle event changes on the license itself; null for every other event. */
const lifecycle = (e: LicenseEvent): Partial<LicenseRow> | null => {
  switch (e.type) {
    case 'LicenseSuspended.v1':
      return { standing: 'suspended', statusReason: e.data.reason };
    case 'LicenseReinstated.v1':
      return { standing: 'active', statusReason: e.data.reason };
    case 'LicenseRevoked.v1':
      return { standing: 'revoked', statusReason: e.data.reason };
    case 'LicenseRenewed.v1':
      return { expiresAt: e.data.expiresAt, expiredAt: null };
    case 'LicenseExpired.v1':
      return { expiredAt: e.data.expiredAt };
    case 'ThreatLevelRaised.v1':
      return { threat: 'degraded' };
    case 'ThreatLevelCleared.v1':
      return { threat: 'normal' };
    case 'ReservedAccountsSet.v1':
      return { reservedAccounts: JSON.stringify(e.data.usernames) };
    default:
      return null;
  }
};

/**
 * The license row: created on issue, changed by lifecycle events only (seat events change the
 * holders and occupancy, not the license).
 */
export const licensesProjection: Projection<LicenseProjected> = (p, view): RowChange[] => {
  const e = p.event;
  if (e.type === 'LicenseIssued.v1') {
    return view.license(e.data.licenseId) ? [] : [{ table: 'licenses', row: issued(e, p) }];
  }
  const row = view.license(e.data.licenseId);
  const change = lifecycle(e);
  if (row === undefined || change === null) return [];
  const next = {
    ...row,
    ...change,
    updatedAt: e.data.at,
    updatedPosition: p.recorded.position,
  };
  return [{ table: 'licenses', row: { ...next, status: recordedStatus(next) } }];
};
