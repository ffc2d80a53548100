import type { ActivationRow } from '../../schema/entities';
import type { LicenseProjected } from '../projected-event';
import type { Projection, RowChange } from '../row-change';
import { seatEndMoved, seatTaken } from './seat-steps';

/**
 * Machine activations (M1-M4, T1). Activating a fingerprint that already holds a slot takes no
 * new one (M1): the existing row is renewed. A slot is held until the machine is deactivated.
 */
export const activationsProjection: Projection<LicenseProjected> = (p, view): RowChange[] => {
  const e = p.event;
  const licenseId = e.data.licenseId;
  switch (e.type) {
    case 'MachineActivated.v2': {
      const d = e.data;
      const hostname = d.hostname;
      const existing = view.activeActivation(licenseId, d.fingerprint);
      if (existing) {
        const row: ActivationRow = {
          ...existing,
          country: d.country ?? existing.country,
          hostname: hostname ?? existing.hostname,
          reactivations: existing.reactivations + 1,
          tokenId: d.token.tokenId,
          tokenExpiresAt: d.token.expiresAt,
        };
        return [{ table: 'activations', row }];
      }
      const row: ActivationRow = {
        id: p.recorded.position,
        licenseId,
        activationId: d.activationId,
        fingerprint: d.fingerprint,
        hostname,
        country: d.country,
        activatedAt: d.at,
        reactivations: 0,
        tokenId: d.token.tokenId,
        tokenExpiresAt: d.token.expiresAt,
        deactivatedAt: null,
        endReason: null,
      };
      return [{ table: 'activations', row }, ...seatTaken(licenseId, 'machine', d.at, null)];
    }
    case 'MachineTokenRefreshed.v1': {
      const existing = view.activeActivation(licenseId, e.data.fingerprint);
      if (!existing) return [];
      const token = e.data.token;
      return [
        {
          table: 'activations',
          row: { ...existing, tokenId: token.tokenId, tokenExpiresAt: token.expiresAt },
        },
      ];
    }
    case 'MachineDeactivated.v1': {
      const existing = view.activeActivation(licenseId, e.data.fingerprint);
      if (!existing) return [];
      return [
        {
          table: 'activations',
          row: { ...existing, deactivatedAt: e.data.at, endReason: e.data.reason },
        },
        ...seatEndMoved(licenseId, 'machine', existing.activatedAt, null, e.data.at),
      ];
    }
    default:
      return [];
  }
};
