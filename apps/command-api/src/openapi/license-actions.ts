import type { Operation } from '@lic/openapi';
import { RecordedAnswer } from './answers';
import { adminErrors, eventPosition, sample } from './shared';

export const tag = 'admin: licenses';
export const licenseId = { id: { description: 'the license’s `license_id`' } };
export const notFound = { 404: ['LICENSE_NOT_FOUND'] };

export const recorded = (...events: string[]) => ({
  license_id: sample.licenseId,
  recorded: events,
});

/** A lifecycle action: POST /admin/v1/licenses/{id}/<action> answering the events recorded. */
export const action = (
  a: Pick<Operation, 'operationId' | 'summary' | 'body' | 'description'> & {
    path: string;
    conflict?: boolean;
    example: { summary: string; body: unknown; events: string[]; after?: string[] };
  },
): Operation => ({
  method: 'post',
  path: `/admin/v1/licenses/{id}/${a.path}`,
  operationId: a.operationId,
  summary: a.summary,
  ...(a.description ? { description: a.description } : {}),
  tag,
  auth: 'bearer',
  params: licenseId,
  body: a.body,
  responses: {
    200: { description: 'The events recorded.', body: RecordedAnswer, headers: [eventPosition] },
    ...adminErrors({
      ...notFound,
      ...(a.conflict ? { 409: ['ALREADY_IN_STATE'] } : {}),
      422: ['LICENSE_REVOKED', 'INVALID_COMMAND'],
    }),
  },
  examples: [
    {
      name: a.operationId,
      summary: a.example.summary,
      status: 200,
      params: { id: '{license_id}' },
      body: a.example.body,
      response: recorded(...a.example.events),
      ...(a.example.after ? { after: a.example.after } : {}),
    },
  ],
});

/** DELETE /admin/v1/licenses/{id}/<kind>/{holderId}: frees one seat at once. */
export const freeHolder = (
  kind: 'activations' | 'sessions' | 'leases',
  operationId: string,
  summary: string,
  holder: string,
  event: string,
): Operation => ({
  method: 'delete',
  path: `/admin/v1/licenses/{id}/${kind}/{holderId}`,
  operationId,
  summary,
  tag,
  auth: 'bearer',
  params: { ...licenseId, holderId: { description: `the ${holder.replace(/[{}]/g, '`')}` } },
  responses: {
    200: { description: 'The events recorded.', body: RecordedAnswer, headers: [eventPosition] },
    ...adminErrors({
      404: [
        'LICENSE_NOT_FOUND',
        {
          activations: 'ACTIVATION_NOT_FOUND',
          sessions: 'SESSION_NOT_FOUND',
          leases: 'LEASE_NOT_FOUND',
        }[kind],
      ],
      422:
        kind === 'activations'
          ? []
          : ['LEASE_EXPIRED', 'LEASE_NOT_ACTIVE', 'SESSION_EXPIRED', 'SESSION_NOT_ACTIVE'],
    }),
  },
  examples: [
    {
      name: operationId,
      summary,
      status: 200,
      params: { id: '{license_id}', holderId: holder },
      response: recorded(event),
    },
  ],
});
