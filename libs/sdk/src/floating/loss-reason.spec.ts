import { LicenseError, type ErrorDetails } from '../errors/license-error';
import { lossReason } from './loss-reason';

const error = (code: string, message: string, details?: ErrorDetails) =>
  new LicenseError({ code, message, status: 422, details });

describe('lossReason', () => {
  it('names the license status that ended a lease', () => {
    const ended = (how: string) => error('LEASE_NOT_ACTIVE', `the lease has ended (${how})`);
    expect(lossReason(ended('released:license-revoked'))).toBe('LICENSE_REVOKED');
    expect(lossReason(ended('released:license-suspended'))).toBe('LICENSE_SUSPENDED');
    expect(lossReason(ended('checked-in'))).toBe('LEASE_NOT_ACTIVE');
    expect(lossReason(error('LEASE_NOT_ACTIVE', 'x', { reason: 'license-revoked' }))).toBe(
      'LICENSE_REVOKED',
    );
  });

  it('keeps any other code as the server sent it', () => {
    expect(lossReason(error('LEASE_EXPIRED', 'the lease timed out'))).toBe('LEASE_EXPIRED');
    expect(lossReason(error('LICENSE_EXPIRED', 'expired'))).toBe('LICENSE_EXPIRED');
  });
});
