import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';

export interface LoadOptions {
  readonly url: string;
  /** One license key per connection: the load measures the pipeline, not one license's lock. */
  readonly keys: readonly string[];
  readonly rate: number;
  readonly seconds: number;
}

/**
 * The floating surface at a fixed overall rate (autocannon's `overallRate`): each connection
 * checks a lease out, heartbeats it three times and checks it in, again and again. Every
 * request is one command, and every accepted command records one event.
 */
export const runCheckoutLoad = ({ url, keys, rate, seconds }: LoadOptions) => {
  let n = 0;
  let connection = 0;
  const run = randomUUID().slice(0, 8); // idempotency keys never repeat across runs
  const state = (ctx: object) => ctx as { key?: string; lease?: string };
  const headers = (ctx: object, idempotent: boolean) => ({
    'content-type': 'application/json',
    authorization: `License ${String(state(ctx).key)}`,
    ...(idempotent ? { 'idempotency-key': `lag-${run}-${n++}` } : {}),
  });
  const heartbeat = {
    method: 'POST' as const,
    path: '/api/v1/license/floating/heartbeat',
    setupRequest: (req: autocannon.Request, ctx: object) => ({
      ...req,
      headers: headers(ctx, false),
      body: JSON.stringify({ lease_token: state(ctx).lease }),
    }),
  };
  return new Promise<autocannon.Result>((ok, fail) => {
    autocannon(
      {
        url,
        connections: keys.length,
        overallRate: rate,
        duration: seconds,
        requests: [
          {
            method: 'POST',
            path: '/api/v1/license/floating/checkout',
            setupRequest: (req, ctx) => {
              state(ctx).key ??= keys[connection++ % keys.length];
              return {
                ...req,
                headers: headers(ctx, true),
                body: JSON.stringify({ fingerprint: `node-${n}` }),
              };
            },
            onResponse: (_status, body, ctx) => {
              state(ctx).lease = (JSON.parse(body) as { lease_token?: string }).lease_token;
            },
          },
          heartbeat,
          heartbeat,
          heartbeat,
          {
            method: 'POST',
            path: '/api/v1/license/floating/checkin',
            setupRequest: (req, ctx) => ({
              ...req,
              headers: headers(ctx, true),
              body: JSON.stringify({ lease_token: state(ctx).lease }),
            }),
          },
        ],
      },
      (error, result) => (error ? fail(error) : ok(result)),
    );
  });
};
