import { readSchemas } from './report-schemas';
import {
  enumOf,
  instant,
  int,
  list,
  nint,
  ninstant,
  nstr,
  obj,
  page,
  position,
  ref,
  str,
} from './schema-kit';

/** JSON schemas of the query API's answers (components/schemas of the OpenAPI document). */
const status = enumOf('active', 'degraded', 'suspended', 'revoked', 'expired');
const seatCount = {
  cap: { ...nint, description: 'null = unlimited (a site license)' },
  reserved: int,
  in_use: int,
  available: { ...nint, description: 'null = unlimited' },
};
const seats = obj({
  machine: obj(seatCount, true),
  lease: obj(seatCount, true),
  session: {
    ...obj({ ...seatCount, shared: obj({ cap: int, in_use: int }) }, true),
    description: 'S4: reserved slots, and the shared pool everyone else draws from',
  },
});
const licenseSummary = {
  license_id: str,
  product_id: str,
  product_name: nstr,
  variant_id: str,
  license_type: enumOf('per-machine', 'floating', 'site'),
  licensee: nstr,
  trial: { type: 'boolean' },
  status,
  issued_at: instant,
  expires_at: ninstant,
  seats,
};
const holders = obj({
  activations: list(
    obj({
      activation_id: str,
      fingerprint: str,
      hostname: { ...nstr, description: 'the machine’s name, if its activation gave one' },
      since: instant,
    }),
  ),
  leases: list(
    obj({
      lease_id: str,
      fingerprint: str,
      hostname: { ...nstr, description: 'the machine’s name, if its checkout gave one' },
      since: instant,
      expires_at: instant,
    }),
  ),
  sessions: list(
    obj({
      session_id: str,
      username: str,
      kind: enumOf('interactive', 'service'),
      since: instant,
      expires_at: instant,
    }),
  ),
});
const state = {
  ...enumOf('active', 'lapsed', 'ended'),
  description: 'lapsed: past its deadline, so free; its expiry is not recorded yet (F5)',
};
const FieldProblem = obj({ field: str, problem: str });
const client = {
  ...obj({ type: enumOf('machine', 'user', 'service-account'), id: str }, true),
  description: 'who was refused; null for refusals tallied rather than recorded one by one (O5)',
};

const hash = { type: 'string', pattern: '^[0-9a-f]{64}$', description: 'SHA-256, hex' };

export const schemas: Record<string, unknown> = {
  FieldProblem,
  Error: obj({
    error: {
      type: 'object',
      additionalProperties: false,
      required: ['code', 'message'],
      properties: {
        code: enumOf(
          'BAD_REQUEST',
          'UNAUTHORIZED',
          'INVALID_TOKEN',
          'TOKEN_REVOKED',
          'FORBIDDEN',
          'NOT_FOUND',
          'METHOD_NOT_ALLOWED',
          'EVENT_STORE_UNAVAILABLE',
          'READ_MODEL_BEHIND',
          'INTERNAL',
        ),
        message: str,
        details: {
          description:
            'BAD_REQUEST: a list of {field, problem}; other codes: an object of named facts (READ_MODEL_BEHIND: after, checkpoint, waited_ms) — as in the command API',
          oneOf: [list(ref('FieldProblem')), { type: 'object' }],
        },
      },
    },
  }),
  Seats: obj({
    license_id: str,
    at: { ...instant, description: 'the instant the seats are counted at' },
    source: enumOf('read-model', 'event-store'),
    position: { ...position, nullable: true },
    status,
    seats,
    holders,
  }),
  LicenseSummary: obj(licenseSummary),
  LicenseList: obj({
    items: list(ref('LicenseSummary')),
    next_cursor: nstr,
    position: { ...position, nullable: true },
  }),
  LicenseDetail: obj({
    ...licenseSummary,
    recorded_status: status,
    status_reason: nstr,
    expired_at: ninstant,
    reserved_accounts: list(str),
    policy: { type: 'object', description: 'the policy the license was issued with' },
    updated_at: { ...instant, description: 'when a lifecycle event last changed the license' },
    updated_position: position,
    holders,
    at: { ...instant, description: 'the instant the live seats are counted at' },
    position: { ...position, nullable: true },
  }),
  Lease: obj({
    id: position,
    lease_id: str,
    fingerprint: str,
    hostname: { ...nstr, description: 'the machine’s name, if its checkout gave one' },
    via: enumOf('checkout', 'activation'),
    state,
    checked_out_at: instant,
    expires_at: instant,
    heartbeats: int,
    last_heartbeat_at: ninstant,
    ended_at: { ...ninstant, description: 'when the seat was freed (the deadline for an expiry)' },
    end_reason: nstr,
    end_recorded_at: ninstant,
  }),
  Session: obj({
    id: position,
    session_id: str,
    username: str,
    kind: enumOf('interactive', 'service'),
    pool: enumOf('reserved', 'shared'),
    state,
    opened_at: instant,
    last_activity_at: instant,
    activities: int,
    expires_at: instant,
    hard_expires_at: ninstant,
    ended_at: ninstant,
    end_reason: nstr,
    end_recorded_at: ninstant,
  }),
  Activation: obj({
    id: position,
    activation_id: str,
    fingerprint: str,
    hostname: nstr,
    country: nstr,
    state: enumOf('active', 'ended'),
    activated_at: instant,
    reactivations: int,
    token_id: str,
    token_expires_at: instant,
    deactivated_at: ninstant,
    end_reason: nstr,
  }),
  LeasePage: page('Lease'),
  SessionPage: page('Session'),
  ActivationPage: page('Activation'),
  Refusal: obj({
    position,
    occurred_at: instant,
    license_id: str,
    product_id: str,
    kind: enumOf('activation', 'checkout', 'session', 'validation'),
    reason: str,
    client,
    count: { type: 'integer', minimum: 1 },
  }),
  RefusalPage: page('Refusal'),
  AuditEntry: obj({
    position,
    event_id: str,
    stream: str,
    revision: { type: 'string', pattern: '^[0-9]{1,20}$' },
    type: str,
    license_id: nstr,
    product_id: nstr,
    occurred_at: { ...instant, description: "the decision's instant (data.at)" },
    recorded_at: str,
    actor: {
      type: 'string',
      description: '`admin:{subject}`, `license:{license_id}`, `system:{job}`',
    },
    correlation_id: str,
    causation_id: nstr,
    data: { type: 'object', description: "the event's payload, exactly as recorded" },
  }),
  AuditPage: page('AuditEntry'),
  SealPage: obj({
    items: list(
      obj({
        seal_revision: position,
        sealed_at: instant,
        up_to: position,
        root: hash,
        heads: list(obj({ stream: str, revision: position, hash })),
        signature: {
          type: 'string',
          description: 'a detached JWS (RFC 7515 appendix F): `protected..signature`',
        },
        prev: { ...hash, nullable: true },
        hash: { ...hash, nullable: true },
      }),
    ),
    next_cursor: { ...nstr, description: 'pass back as cursor' },
  }),
  ProductList: obj({
    items: list(
      obj({
        product_id: str,
        name: str,
        created_at: instant,
        variants: list(
          obj({
            variant_id: str,
            license_type: enumOf('per-machine', 'floating', 'site'),
            preset: nstr,
            retired: { type: 'boolean' },
            defined_at: instant,
            updated_at: instant,
            policy: { type: 'object' },
          }),
        ),
      }),
    ),
  }),
  Status: obj({ checkpoint: { ...position, nullable: true }, events_projected: position }),
  ...readSchemas(),
};
