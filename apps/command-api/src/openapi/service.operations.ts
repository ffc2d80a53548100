import type { Operation } from '@lic/openapi';
import { AdvanceBody } from '../test-clock/test-clock.controller';
import { ClockAnswer, HealthAnswer, Jwks } from './answers';

const up = (indicator: string, extra: Record<string, unknown> = {}) => {
  const checks = { [indicator]: { status: 'up', ...extra } };
  return { status: 'ok', info: checks, error: {}, details: checks };
};

/** Public keys, health, metrics and the test clock. */
export const serviceOperations: readonly Operation[] = [
  {
    method: 'get',
    path: '/.well-known/jwks.json',
    operationId: 'getJwks',
    summary: 'Public keys of every token and envelope, current first (O1)',
    description:
      'Verify machine tokens, access tokens and signed envelopes offline with these Ed25519 keys (by `kid`). Rotated-out keys stay listed.',
    tag: 'keys and health',
    auth: 'none',
    responses: { 200: { description: 'A JWK set.', body: Jwks } },
    examples: [
      {
        name: 'jwks',
        summary: 'The key set',
        status: 200,
        response: {
          keys: [
            {
              kty: 'OKP',
              crv: 'Ed25519',
              x: 'pFlNAYmNSya2uIQg9CEC2uV-qxNfuwNFsyg-Gg6t1Tg',
              kid: 'GQKetwQ_hJ9UYw4p-2Ju8gCYQfmM_DsB3-6q5r8YjhI',
              alg: 'EdDSA',
              use: 'sig',
            },
          ],
        },
      },
    ],
  },
  {
    method: 'get',
    path: '/health/live',
    operationId: 'liveness',
    summary: 'Liveness: the process answers',
    tag: 'keys and health',
    auth: 'none',
    responses: { 200: { description: 'Alive.', body: HealthAnswer } },
    examples: [{ name: 'live', summary: 'Alive', status: 200, response: up('process') }],
  },
  {
    method: 'get',
    path: '/health/ready',
    operationId: 'readiness',
    summary: 'Readiness: the event store answers (else 503 naming the failing check)',
    tag: 'keys and health',
    auth: 'none',
    responses: {
      200: { description: 'Ready.', body: HealthAnswer },
      503: {
        description: 'Not ready (draining, or the event store does not answer).',
        body: HealthAnswer,
      },
    },
    examples: [
      {
        name: 'ready',
        summary: 'Ready',
        status: 200,
        response: up('event_store', { responseTime: 1 }),
      },
    ],
  },
  {
    method: 'get',
    path: '/metrics',
    operationId: 'metrics',
    summary: 'Prometheus metrics (decisions, refusals, latency)',
    tag: 'keys and health',
    auth: 'none',
    responses: {
      200: {
        description: 'The Prometheus text format.',
        body: { type: 'string' },
        contentType: 'text/plain',
      },
    },
    examples: [
      {
        name: 'scrape',
        summary: 'A scrape',
        status: 200,
        response: '# HELP process_cpu_user_seconds_total Total user CPU time spent in seconds.\n',
      },
    ],
  },
  {
    method: 'post',
    path: '/test/v1/clock/advance',
    operationId: 'advanceTestClock',
    summary: 'Move this process’s clock forward (tests only)',
    description:
      'Like Stripe’s test clocks: exists only when the command API starts with `LICENSE_TEST_CLOCK=1` (otherwise 404), to watch leases time out and licenses expire without waiting.',
    tag: 'test clock',
    auth: 'none',
    body: AdvanceBody,
    responses: {
      200: { description: 'The clock’s new time.', body: ClockAnswer },
      400: { description: 'Malformed.', codes: ['BAD_REQUEST'] },
      404: { description: 'The test clock is off.', codes: ['NOT_FOUND'] },
    },
    examples: [
      {
        name: 'advance',
        summary: 'One minute later',
        status: 200,
        body: { seconds: 60 },
        response: { now: '2026-03-02T09:01:00.000Z', offset_seconds: 60 },
      },
    ],
  },
];
