import type { Operation } from '@lic/openapi';
import { ActivityBody, OpenSessionBody } from '../client/client.requests';
import { SessionActivityAnswer, SessionClosedAnswer, SessionOpenedAnswer } from './answers';
import { clientErrors, eventPosition, sample } from './shared';

const tag = 'sessions (seed 000)';
const sessionId = { id: { description: 'the `session_id` the session was opened with' } };
const sessionErrors = {
  404: ['SESSION_NOT_FOUND'],
  422: ['SESSION_EXPIRED', 'SESSION_NOT_ACTIVE', 'SESSIONS_NOT_ENABLED'],
};

/** Seed 000: a session occupies a slot; a credential alone does not. */
export const sessionOperations: readonly Operation[] = [
  {
    method: 'post',
    path: '/api/v1/sessions',
    operationId: 'openSession',
    summary: 'Open a session: takes a slot (S1, S3, S4)',
    description:
      'Takes one of the license’s session slots for a user (`interactive`: renewed by activity, released after 20 idle minutes) or a service account (`service`: one hour at most). A reserved account’s first session takes its reserved slot (`pool: "reserved"`); everyone else shares the rest. With no slot free: 422 SEATS_EXHAUSTED — a valid key guarantees nothing. Licenses of the `user-sessions` preset have 10 slots.',
    tag,
    auth: 'license',
    body: OpenSessionBody,
    responses: {
      201: { description: 'The session.', body: SessionOpenedAnswer, headers: [eventPosition] },
      ...clientErrors({ 422: ['SEATS_EXHAUSTED', 'SESSIONS_NOT_ENABLED'] }),
    },
    examples: [
      {
        name: 'interactive',
        summary: 'Anna logs in',
        status: 201,
        body: { username: 'anna', kind: 'interactive' },
        response: {
          session_id: sample.sessionId,
          license_id: sample.licenseId,
          username: 'anna',
          kind: 'interactive',
          pool: 'shared',
          expires_at: '2026-03-02T09:20:00.000Z',
          hard_expires_at: null,
        },
      },
      {
        name: 'service',
        summary: 'The backend’s system account (S6) opens a service session',
        status: 201,
        body: { username: 'backend-system', kind: 'service' },
        response: {
          session_id: sample.sessionId,
          license_id: sample.licenseId,
          username: 'backend-system',
          kind: 'service',
          pool: 'shared',
          expires_at: '2026-03-02T09:20:00.000Z',
          hard_expires_at: '2026-03-02T10:00:00.000Z',
        },
      },
    ],
  },
  {
    method: 'post',
    path: '/api/v1/sessions/{id}/activity',
    operationId: 'recordSessionActivity',
    summary: 'Record activity: renews the session (S2, S3, S5, S6)',
    description:
      'Renews an interactive session for another 20 minutes (a service session never past its hour). `username`, when given, must be the session’s own (one session is one user); `on_behalf_of` names an external user a backend serves, who takes no slot.',
    tag,
    auth: 'license',
    params: sessionId,
    body: ActivityBody,
    responses: {
      200: {
        description: 'The new deadline.',
        body: SessionActivityAnswer,
        headers: [eventPosition],
      },
      ...clientErrors({ ...sessionErrors, 422: [...sessionErrors[422], 'SESSION_NOT_SHAREABLE'] }),
    },
    examples: [
      {
        name: 'activity',
        summary: 'The backend acts for an external customer',
        status: 200,
        params: { id: '{session_id}' },
        body: { on_behalf_of: 'customer-4711' },
        response: { session_id: sample.sessionId, expires_at: '2026-03-02T09:25:00.000Z' },
      },
    ],
  },
  {
    method: 'delete',
    path: '/api/v1/sessions/{id}',
    operationId: 'closeSession',
    summary: 'Log out: frees the slot at once (S1)',
    tag,
    auth: 'license',
    params: sessionId,
    responses: {
      200: { description: 'Closed.', body: SessionClosedAnswer, headers: [eventPosition] },
      ...clientErrors(sessionErrors),
    },
    examples: [
      {
        name: 'logout',
        summary: 'Anna logs out',
        status: 200,
        params: { id: '{session_id}' },
        response: { session_id: sample.sessionId, closed: true },
      },
    ],
  },
];
