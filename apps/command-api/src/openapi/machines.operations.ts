import type { Operation } from '@lic/openapi';
import { ActivateBody, DeactivateBody, ValidateBody } from '../client/client.requests';
import { DeactivateAnswer, MachineAnswer } from './answers';
import { clientErrors, eventPosition, sample } from './shared';

const tag = 'machines (seed 002)';

const machineStatus = (refreshed: boolean, checkedAt: string) => ({
  type: 'machine.status',
  valid: true,
  refreshed,
  license_id: sample.licenseId,
  activation_id: sample.activationId,
  fingerprint: 'ws-anna-01',
  status: 'active',
  token_id: sample.tokenId,
  expires_at: '2026-04-01T09:00:00.000Z',
  offline_days: 30,
  checked_at: checkedAt,
  token: sample.jwt,
  envelope: sample.envelope,
});

/** Seed 002: activate, validate, deactivate. */
export const machineOperations: readonly Operation[] = [
  {
    method: 'post',
    path: '/api/v1/activate',
    operationId: 'activateMachine',
    summary: 'Activate a machine: a token bound to its fingerprint (M1, M2, M4, O5)',
    description:
      'Binds the fingerprint to the license — taking a machine seat on a per-machine license, none on a site license, a lease on a floating one — and returns a machine token (a JWT with the `machineFingerprint` claim) and a signed envelope. Activating the same fingerprint again takes no new seat. Rate limited to 15 attempts per hour per key: past that, 422 RATE_LIMITED with `Retry-After`.',
    tag,
    auth: 'license',
    body: ActivateBody,
    responses: {
      200: {
        description: 'The activation and its machine token.',
        body: MachineAnswer,
        headers: [eventPosition],
      },
      ...clientErrors({ 422: ['SEATS_EXHAUSTED', 'RATE_LIMITED'] }, { retryAfter: true }),
    },
    examples: [
      {
        name: 'activate',
        summary: 'Anna’s workstation activates',
        status: 200,
        body: {
          fingerprint: 'ws-anna-01',
          hostname: 'anna-mbp',
          platform: 'darwin',
          country: 'DE',
        },
        response: machineStatus(true, sample.now),
      },
    ],
  },
  {
    method: 'post',
    path: '/api/v1/validate',
    operationId: 'validateMachine',
    summary:
      'Validate online: the license’s status now, a new token in the refresh window (O3, O4)',
    description:
      'Checks the license’s current status on every call, so a revoked license is refused at once even while its token is unexpired; a suspended one is refused with `details.offline_grace_days`. A token 23–30 days old is answered with a new 30-day token (`refreshed: true`).',
    tag,
    auth: 'license',
    body: ValidateBody,
    responses: {
      200: {
        description: 'Valid; the token (new or the same) and a signed envelope.',
        body: MachineAnswer,
        headers: [
          {
            ...eventPosition,
            required: false,
            description: `Sent when the validation recorded something (a refreshed token). ${eventPosition.description}`,
          },
        ],
      },
      ...clientErrors({
        404: ['ACTIVATION_NOT_FOUND'],
        422: ['FINGERPRINT_MISMATCH', 'TOKEN_EXPIRED'],
      }),
    },
    examples: [
      {
        name: 'validate',
        summary: 'The workstation checks in with its token',
        status: 200,
        body: { token: '{machine_token}', fingerprint: '{fingerprint}' },
        response: machineStatus(false, '2026-03-05T08:30:00.000Z'),
      },
    ],
  },
  {
    method: 'post',
    path: '/api/v1/deactivate',
    operationId: 'deactivateMachine',
    summary: 'Deactivate a machine; frees its floating seat too (M3, F7)',
    description:
      'Frees the machine’s seat so another machine can take it. Render managers call it on job completion: it releases the machine’s floating lease too.',
    tag,
    auth: 'license',
    body: DeactivateBody,
    responses: {
      200: {
        description: 'What was released.',
        body: DeactivateAnswer,
        headers: [eventPosition],
      },
      ...clientErrors({ 404: ['ACTIVATION_NOT_FOUND'] }),
    },
    examples: [
      {
        name: 'deactivate',
        summary: 'The workstation gives its seat back',
        status: 200,
        body: { fingerprint: '{fingerprint}' },
        response: {
          deactivated: true,
          license_id: sample.licenseId,
          fingerprint: 'ws-anna-01',
          machine_released: true,
          leases_released: 0,
        },
      },
    ],
  },
];
