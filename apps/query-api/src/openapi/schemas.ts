/** JSON schemas of the query API's answers (components/schemas of the OpenAPI document). */
const str = { type: 'string' };
const nstr = { type: 'string', nullable: true };
const int = { type: 'integer' };
const nint = { type: 'integer', nullable: true };
const instant = { type: 'string', format: 'date-time' };
const ninstant = { ...instant, nullable: true };
const position = { type: 'string', description: 'global position, decimal', pattern: '^[0-9]+$' };
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const obj = (properties: Record<string, unknown>, nullable = false) => ({
  type: 'object',
  properties,
  required: Object.keys(properties),
  ...(nullable ? { nullable: true } : {}),
});
const page = (item: string) =>
  obj({
    items: { type: 'array', items: ref(item) },
    nextCursor: { ...nstr, description: 'pass back as cursor' },
  });

const seatCount = {
  cap: { ...nint, description: 'null = unlimited' },
  reserved: int,
  inUse: int,
  available: { ...nint, description: 'null = unlimited' },
};
const seats = obj({
  machine: { ...obj(seatCount, true) },
  lease: { ...obj(seatCount, true) },
  session: {
    ...obj({ ...seatCount, shared: obj({ cap: int, inUse: int }) }, true),
    description: 'S4: reserved slots, and the shared pool everyone else draws from',
  },
});
const licenseSummary = {
  licenseId: str,
  productId: str,
  variantId: str,
  licenseType: { type: 'string', enum: ['per-machine', 'floating', 'site'] },
  licensee: nstr,
  trial: { type: 'boolean' },
  status: { type: 'string', enum: ['active', 'degraded', 'suspended', 'revoked', 'expired'] },
  issuedAt: instant,
  expiresAt: ninstant,
  seats,
};
const holders = obj({
  activations: {
    type: 'array',
    items: obj({ activationId: str, fingerprint: str, since: instant }),
  },
  leases: {
    type: 'array',
    items: obj({ leaseId: str, fingerprint: str, since: instant, expiresAt: instant }),
  },
  sessions: {
    type: 'array',
    items: obj({ sessionId: str, username: str, kind: str, since: instant, expiresAt: instant }),
  },
});
const state = {
  type: 'string',
  enum: ['active', 'lapsed', 'ended'],
  description: 'lapsed: past its deadline, so free; expiry not recorded yet (F5)',
};

export const schemas: Record<string, unknown> = {
  Error: obj({
    error: {
      type: 'object',
      properties: {
        code: {
          type: 'string',
          description:
            'BAD_REQUEST, UNAUTHORIZED, INVALID_TOKEN, FORBIDDEN, NOT_FOUND, READ_MODEL_BEHIND, …',
        },
        message: str,
        details: {
          type: 'array',
          items: { type: 'object', description: '{ field, problem } for a 400' },
        },
      },
      required: ['code', 'message'],
    },
  }),
  Seats: obj({
    licenseId: str,
    at: { ...instant, description: 'the instant the seats are counted at' },
    source: { type: 'string', enum: ['read-model', 'event-store'] },
    position: { ...position, nullable: true },
    status: licenseSummary.status,
    seats,
    holders,
  }),
  LicenseSummary: obj(licenseSummary),
  LicenseList: obj({
    items: { type: 'array', items: ref('LicenseSummary') },
    nextCursor: nstr,
    position: { ...position, nullable: true },
  }),
  LicenseDetail: obj({
    ...licenseSummary,
    recordedStatus: str,
    statusReason: nstr,
    expiredAt: ninstant,
    reservedAccounts: { type: 'array', items: str },
    policy: { type: 'object', description: 'the policy the license was issued with' },
    updatedAt: { ...instant, description: 'when a lifecycle event last changed the license' },
    updatedPosition: position,
    holders,
    position: { ...position, nullable: true },
  }),
  Lease: obj({
    id: position,
    leaseId: str,
    fingerprint: str,
    via: str,
    state,
    checkedOutAt: instant,
    expiresAt: instant,
    heartbeats: int,
    lastHeartbeatAt: ninstant,
    endedAt: { ...ninstant, description: 'when the seat was freed (the deadline for an expiry)' },
    endReason: nstr,
    endRecordedAt: ninstant,
  }),
  Session: obj({
    id: position,
    sessionId: str,
    username: str,
    kind: str,
    pool: str,
    state,
    openedAt: instant,
    lastActivityAt: instant,
    activities: int,
    expiresAt: instant,
    hardExpiresAt: ninstant,
    endedAt: ninstant,
    endReason: nstr,
    endRecordedAt: ninstant,
  }),
  Activation: obj({
    id: position,
    activationId: str,
    fingerprint: str,
    country: nstr,
    state: { type: 'string', enum: ['active', 'ended'] },
    activatedAt: instant,
    reactivations: int,
    tokenId: str,
    tokenExpiresAt: instant,
    deactivatedAt: ninstant,
    endReason: nstr,
  }),
  LeasePage: page('Lease'),
  SessionPage: page('Session'),
  ActivationPage: page('Activation'),
  AuditEntry: obj({
    position,
    eventId: str,
    stream: str,
    revision: str,
    type: str,
    licenseId: nstr,
    productId: nstr,
    occurredAt: { ...instant, description: "the decision's instant (data.at)" },
    recordedAt: str,
    actor: {
      type: 'string',
      description: '`admin:{subject}`, `license:{license_id}`, `system:{job}`',
    },
    correlationId: str,
    causationId: nstr,
    data: { type: 'object', description: "the event's payload" },
  }),
  AuditPage: page('AuditEntry'),
  UtilizationReport: obj({
    licenseId: str,
    from: instant,
    to: instant,
    bucketMs: int,
    series: {
      type: 'array',
      items: obj({
        holderKind: { type: 'string', enum: ['machine', 'lease', 'session'] },
        cap: nint,
        peak: int,
        average: { type: 'number' },
        buckets: {
          type: 'array',
          items: obj({ start: instant, peak: int, average: { type: 'number' }, seatMs: int }),
        },
      }),
    },
  }),
  RefusalReport: obj({
    from: instant,
    to: instant,
    total: int,
    byReason: { type: 'array', items: obj({ reason: str, count: int }) },
    byKind: { type: 'array', items: obj({ kind: str, count: int }) },
    byLicense: {
      type: 'array',
      items: obj({
        licenseId: str,
        total: int,
        byReason: { type: 'array', items: obj({ reason: str, count: int }) },
      }),
    },
  }),
  ProductList: obj({
    items: {
      type: 'array',
      items: obj({
        productId: str,
        name: str,
        createdAt: instant,
        variants: {
          type: 'array',
          items: obj({
            variantId: str,
            licenseType: str,
            preset: nstr,
            retired: { type: 'boolean' },
            definedAt: instant,
            updatedAt: instant,
            policy: { type: 'object' },
          }),
        },
      }),
    },
  }),
  Status: obj({ checkpoint: { ...position, nullable: true }, eventsProjected: str }),
};
