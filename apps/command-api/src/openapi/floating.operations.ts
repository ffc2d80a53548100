import type { Operation } from '@lic/openapi';
import { CheckoutBody, LeaseBody } from '../client/client.requests';
import { CheckinAnswer, CheckoutAnswer, HeartbeatAnswer } from './answers';
import { clientErrors, eventPosition, idempotencyKey, sample } from './shared';

const tag = 'floating leases (seed 001)';
const leaseErrors = { 404: ['LEASE_NOT_FOUND'], 422: ['LEASE_EXPIRED', 'LEASE_NOT_ACTIVE'] };

/** Seed 001: checkout, heartbeat, checkin. */
export const floatingOperations: readonly Operation[] = [
  {
    method: 'post',
    path: '/api/v1/license/floating/checkout',
    operationId: 'checkoutLease',
    summary: 'Check out a floating seat (F1, F4, F6)',
    description:
      'Takes one of the license’s floating seats for a machine and answers with a `lease_token`, its deadline `lease_expires_at` and a signed `envelope` over the answer. Heartbeat before the deadline; check in when done. With every seat taken the answer is 422 SEATS_EXHAUSTED with `details.seats`. Works on any license whose policy has the floating overlay. An optional `hostname` names the machine to admins (recorded with the lease, shown with its holders), as on `/activate`.',
    tag,
    auth: 'license',
    body: CheckoutBody,
    headers: [idempotencyKey],
    responses: {
      200: {
        description: 'The lease, in a signed envelope.',
        body: CheckoutAnswer,
        headers: [eventPosition],
      },
      ...clientErrors({
        409: ['IDEMPOTENCY_KEY_REUSED', 'IDEMPOTENCY_KEY_IN_USE', 'CONCURRENT_CONFLICT'],
        422: ['SEATS_EXHAUSTED', 'FLOATING_NOT_ENABLED'],
      }),
    },
    examples: [
      {
        name: 'checkout',
        summary: 'A render node checks out a seat for job 42',
        status: 200,
        headers: { 'Idempotency-Key': 'job-42' },
        body: { fingerprint: 'render-node-07', hostname: 'render-07' },
        response: {
          type: 'floating.checkout',
          license_id: sample.licenseId,
          fingerprint: 'render-node-07',
          lease_token: sample.leaseToken,
          lease_expires_at: '2026-03-02T09:15:00.000Z',
          checked_out_at: sample.now,
          envelope: sample.envelope,
        },
      },
      {
        name: 'malformed',
        summary: 'No fingerprint: 400, nothing recorded',
        status: 400,
        headers: { 'Idempotency-Key': 'job-43' },
        body: { fingerprint: '' },
        response: {
          error: {
            code: 'BAD_REQUEST',
            message: 'body.fingerprint must be Fingerprint',
            details: [{ field: 'body.fingerprint', problem: 'must be Fingerprint' }],
            help: 'http://127.0.0.1:3000/docs/glossary#BAD_REQUEST',
          },
        },
      },
    ],
  },
  {
    method: 'post',
    path: '/api/v1/license/floating/heartbeat',
    operationId: 'heartbeatLease',
    summary: 'Extend a lease (F2, F5)',
    description:
      'Moves the lease’s deadline to now + the policy’s `floatingTimeoutMinutes` (default 15). No Idempotency-Key: a repeated heartbeat is harmless. A lease past its deadline is gone (422 LEASE_EXPIRED): check out again.',
    tag,
    auth: 'license',
    body: LeaseBody,
    responses: {
      200: { description: 'The new deadline.', body: HeartbeatAnswer, headers: [eventPosition] },
      ...clientErrors(leaseErrors),
    },
    examples: [
      {
        name: 'heartbeat',
        summary: 'Keep the lease alive',
        status: 200,
        body: { lease_token: '{lease_token}' },
        response: { lease_token: sample.leaseToken, lease_expires_at: '2026-03-02T09:20:00.000Z' },
      },
    ],
  },
  {
    method: 'post',
    path: '/api/v1/license/floating/checkin',
    operationId: 'checkinLease',
    summary: 'Release a lease at once (F3, F6)',
    description:
      'Frees the seat now; the answer is signed like checkout’s. Retrying with the same Idempotency-Key returns the same bytes.',
    tag,
    auth: 'license',
    body: LeaseBody,
    headers: [idempotencyKey],
    responses: {
      200: {
        description: 'Released, in a signed envelope.',
        body: CheckinAnswer,
        headers: [eventPosition],
      },
      ...clientErrors({
        ...leaseErrors,
        409: ['IDEMPOTENCY_KEY_REUSED', 'IDEMPOTENCY_KEY_IN_USE', 'CONCURRENT_CONFLICT'],
      }),
    },
    examples: [
      {
        name: 'checkin',
        summary: 'Job 42 is done: give the seat back',
        status: 200,
        headers: { 'Idempotency-Key': 'job-42-done' },
        body: { lease_token: '{lease_token}' },
        response: {
          type: 'floating.checkin',
          license_id: sample.licenseId,
          lease_token: sample.leaseToken,
          released_at: '2026-03-02T09:42:00.000Z',
          envelope: sample.envelope,
        },
      },
    ],
  },
];
