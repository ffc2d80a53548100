/** Example answers, as the API gives them (shown by Swagger UI; ids are the fixture's). */
const AT = '2026-03-02T09:05:00.000Z';
const seats = {
  machine: null,
  lease: { cap: 10, reserved: 0, in_use: 2, available: 8 },
  session: null,
};
const holders = {
  activations: [],
  leases: [
    {
      lease_id: 'job-42',
      fingerprint: 'render-node-07',
      hostname: 'render-07',
      since: '2026-03-02T09:00:00.000Z',
      expires_at: '2026-03-02T09:15:00.000Z',
    },
  ],
  sessions: [],
};
const summary = {
  license_id: 'lic-8f3a',
  product_id: 'maya',
  product_name: 'Maya plug-in',
  variant_id: 'render-farm',
  license_type: 'floating',
  licensee: 'Pixel Farm Ltd',
  trial: false,
  status: 'active',
  issued_at: '2026-01-05T10:00:00.000Z',
  expires_at: '2027-01-05T10:00:00.000Z',
  seats,
};
const series = {
  holder_kind: 'lease',
  cap: 10,
  peak: 2,
  average: 1.25,
  buckets: [{ start: '2026-03-02T09:00:00.000Z', peak: 2, average: 1.25, seat_ms: 4_500_000 }],
};
const range = { from: '2026-03-02T09:00:00.000Z', to: '2026-03-02T10:00:00.000Z' };

export const responseExamples: Readonly<Record<string, unknown>> = {
  LicenseList: { items: [summary], next_cursor: null, position: '1042' },
  LicenseDetail: {
    ...summary,
    recorded_status: 'active',
    status_reason: null,
    expired_at: null,
    reserved_accounts: [],
    policy: { licenseType: 'floating', maxMachines: null },
    updated_at: '2026-01-05T10:00:00.000Z',
    updated_position: '17',
    holders,
    at: AT,
    position: '1042',
  },
  Seats: {
    license_id: 'lic-8f3a',
    at: AT,
    source: 'read-model',
    position: '1042',
    status: 'active',
    seats,
    holders,
  },
  RefusalPage: {
    items: [
      {
        position: '1040',
        occurred_at: '2026-03-02T09:04:00.000Z',
        license_id: 'lic-8f3a',
        product_id: 'maya',
        kind: 'checkout',
        reason: 'SEATS_EXHAUSTED',
        client: { type: 'machine', id: 'render-node-11' },
        count: 1,
      },
    ],
    next_cursor: null,
  },
  UtilizationReport: { license_id: 'lic-8f3a', ...range, bucket_ms: 3_600_000, series: [series] },
  FleetReport: {
    ...range,
    bucket_ms: 3_600_000,
    fleet: { licenses: 3, series: [series] },
    products: [{ product_id: 'maya', product_name: 'Maya plug-in', licenses: 3, series: [series] }],
  },
  DenialsReport: {
    ...range,
    total: 3,
    items: [
      {
        license_id: 'lic-8f3a',
        product_id: 'maya',
        kind: 'checkout',
        reason: 'SEATS_EXHAUSTED',
        client: { type: 'machine', id: 'render-node-11' },
        count: 3,
        first_at: '2026-03-02T09:01:00.000Z',
        last_at: '2026-03-02T09:04:00.000Z',
      },
    ],
  },
  ExpiringReport: {
    at: AT,
    until: '2026-04-01T09:05:00.000Z',
    within_days: 30,
    items: [
      {
        license_id: 'lic-8f3a',
        licensee: 'Pixel Farm Ltd',
        product_id: 'maya',
        product_name: 'Maya plug-in',
        variant_id: 'render-farm',
        license_type: 'floating',
        trial: false,
        status: 'active',
        expires_at: '2026-03-20T10:00:00.000Z',
        days_left: 18,
      },
    ],
  },
  Status: { checkpoint: '1042', events_projected: '1042' },
};

export const errorExamples: Readonly<Record<number, unknown>> = {
  400: {
    error: {
      code: 'BAD_REQUEST',
      message: 'query.limit must be an integer from 1 to 200',
      details: [{ field: 'query.limit', problem: 'must be an integer from 1 to 200' }],
    },
  },
  401: {
    error: {
      code: 'UNAUTHORIZED',
      message: 'send an access token as "Authorization: Bearer <token>"',
    },
  },
  403: { error: { code: 'FORBIDDEN', message: 'this needs the admin role' } },
  404: { error: { code: 'NOT_FOUND', message: 'no license lic-nope' } },
  503: {
    error: { code: 'EVENT_STORE_UNAVAILABLE', message: 'the event store could not be read; retry' },
  },
  504: {
    error: {
      code: 'READ_MODEL_BEHIND',
      message: 'the read models have not reached position 1043 within 5000 ms; retry',
      details: { after: '1043', checkpoint: '1042', waited_ms: 5000 },
    },
  },
};
