import { presets } from '@lic/domain';
import type { Operation } from '@lic/openapi';
import {
  DetailBody,
  IssueLicenseBody,
  ReasonBody,
  RenewBody,
  ReservedAccountsBody,
} from '../admin/admin.requests';
import { IssuedAnswer, RecordedAnswer } from './answers';
import { action, freeHolder, licenseId, notFound, recorded, tag } from './license-actions';
import { adminErrors, eventPosition, sample } from './shared';

/** Issue licenses, change their standing, free single seats (admin). */
export const licenseOperations: readonly Operation[] = [
  {
    method: 'post',
    path: '/admin/v1/licenses',
    operationId: 'issueLicense',
    summary: 'Issue a license; its key is shown once, only its hash is stored',
    description:
      'Issues a license of a product’s variant; the license copies the variant’s policy, with `seats` overriding its caps (a cap for an overlay the variant lacks adds the overlay with default timeouts). Keep `license_key`: it cannot be shown again. `licensee` names the customer on the dashboard.',
    tag,
    auth: 'bearer',
    body: IssueLicenseBody,
    responses: {
      201: {
        description: 'The license and its key.',
        body: IssuedAnswer,
        headers: [eventPosition],
      },
      ...adminErrors({
        404: ['PRODUCT_NOT_FOUND', 'VARIANT_NOT_FOUND'],
        409: ['LICENSE_EXISTS'],
        422: ['VARIANT_RETIRED', 'INVALID_COMMAND'],
      }),
    },
    examples: [
      {
        name: 'render-farm',
        summary: 'A render farm with 10 floating seats (seed 001)',
        status: 201,
        body: {
          product_id: '{product_id}',
          variant_id: 'render-farm',
          licensee: 'Acme Render',
          seats: { max_floating_users: 10 },
        },
        response: {
          license_id: sample.licenseId,
          license_key: sample.licenseKey,
          product_id: 'maya',
          variant_id: 'render-farm',
          trial: false,
          expires_at: '2027-03-02T09:00:00.000Z',
          policy: {
            ...presets['render-farm'],
            floating: { maxFloatingUsers: 10, floatingTimeoutMinutes: 15 },
          },
        },
      },
      {
        name: 'user-sessions',
        summary: 'A team with 10 user-session slots (seed 000); reserve 2 next',
        status: 201,
        body: { product_id: '{product_id}', variant_id: 'user-sessions', licensee: 'Initech' },
        response: {
          license_id: sample.licenseId,
          license_key: sample.licenseKey,
          product_id: 'maya',
          variant_id: 'user-sessions',
          trial: false,
          expires_at: '2027-03-02T09:00:00.000Z',
          policy: presets['user-sessions'],
        },
      },
      {
        name: 'zero-seats',
        summary: 'A cap of 0 is malformed: 400, nothing issued',
        status: 400,
        body: { product_id: '{product_id}', variant_id: 'studio', seats: { max_machines: 0 } },
        response: {
          error: {
            code: 'BAD_REQUEST',
            message: 'body.seats.max_machines must be PositiveInt',
            details: [{ field: 'body.seats.max_machines', problem: 'must be PositiveInt' }],
            help: 'http://127.0.0.1:3000/docs/glossary#BAD_REQUEST',
          },
        },
      },
    ],
  },
  action({
    path: 'suspend',
    operationId: 'suspendLicense',
    summary: 'Suspend: refused online, 3 offline days on a cached token (O2, O4)',
    description: 'Frees its leases and sessions at once; machines keep their activations.',
    body: ReasonBody,
    conflict: true,
    example: {
      summary: 'Unpaid invoice',
      body: { reason: 'invoice 2026-031 unpaid' },
      events: ['LicenseSuspended.v1'],
    },
  }),
  action({
    path: 'reinstate',
    operationId: 'reinstateLicense',
    summary: 'Reinstate a suspended license',
    body: ReasonBody,
    conflict: true,
    example: {
      summary: 'Paid: back to active',
      body: { reason: 'invoice paid' },
      events: ['LicenseReinstated.v1'],
      after: ['suspendLicense#suspendLicense'],
    },
  }),
  action({
    path: 'revoke',
    operationId: 'revokeLicense',
    summary: 'Revoke for good: every seat freed, every validate refused (O4)',
    body: ReasonBody,
    example: {
      summary: 'Chargeback',
      body: { reason: 'chargeback' },
      events: ['LicenseRevoked.v1'],
    },
  }),
  action({
    path: 'renew',
    operationId: 'renewLicense',
    summary: 'Extend the end date (O7)',
    description:
      'By `days`, or by the policy’s `durationDays` when omitted (a perpetual license needs `days`).',
    body: RenewBody,
    example: { summary: 'Another 30 days', body: { days: 30 }, events: ['LicenseRenewed.v1'] },
  }),
  action({
    path: 'threat',
    operationId: 'raiseThreatLevel',
    summary: 'Raise the threat level to degraded: 1-day tokens (O2, O6)',
    body: DetailBody,
    conflict: true,
    example: {
      summary: 'Key seen on a warez site',
      body: { detail: 'key posted on a forum' },
      events: ['ThreatLevelRaised.v1'],
    },
  }),
  action({
    path: 'clear-threat',
    operationId: 'clearThreatLevel',
    summary: 'Clear the threat level: back to active (O6)',
    body: ReasonBody,
    conflict: true,
    example: {
      summary: 'Reviewed: a false alarm',
      body: { reason: 'reviewed with the customer' },
      events: ['ThreatLevelCleared.v1'],
      after: ['raiseThreatLevel#raiseThreatLevel'],
    },
  }),
  {
    method: 'put',
    path: '/admin/v1/licenses/{id}/reserved-accounts',
    operationId: 'setReservedAccounts',
    summary: 'Set the reserved accounts (S4)',
    description:
      'Replaces the license’s reserved accounts: each can always open a session; everyone else shares the remaining slots. Seed 000’s example: on a 10-slot `user-sessions` license, 2 reserved accounts leave 8 shared. At most as many accounts as slots.',
    tag,
    auth: 'bearer',
    params: licenseId,
    body: ReservedAccountsBody,
    responses: {
      200: { description: 'The events recorded.', body: RecordedAnswer, headers: [eventPosition] },
      ...adminErrors({
        ...notFound,
        422: ['SESSIONS_NOT_ENABLED', 'INVALID_COMMAND', 'LICENSE_REVOKED'],
      }),
    },
    examples: [
      {
        name: 'two-of-ten',
        summary: 'Reserve 2 of 10 slots: the admin and the automation account',
        status: 200,
        params: { id: '{license_id}' },
        body: { usernames: ['admin', 'automation'] },
        response: recorded('ReservedAccountsSet.v1'),
      },
    ],
  },
  freeHolder(
    'activations',
    'revokeActivation',
    'Revoke one machine’s activation (M3)',
    '{activation_id}',
    'MachineDeactivated.v1',
  ),
  freeHolder(
    'sessions',
    'endSession',
    'End one session at once (S5)',
    '{session_id}',
    'SessionClosed.v1',
  ),
  freeHolder(
    'leases',
    'releaseLease',
    'Release one floating lease at once',
    '{lease_id}',
    'LeaseReleased.v1',
  ),
];
