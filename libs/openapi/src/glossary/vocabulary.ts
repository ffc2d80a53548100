import type { GlossarySection } from './model';

/** The seeds' vocabulary, as the API uses it. */
export const vocabulary: GlossarySection = {
  id: 'vocabulary',
  title: 'Vocabulary',
  intro:
    'The words the API, the events and the dashboard use. Seeds are the three source documents the rules come from: seed 000 (user sessions and reserved seats), seed 001 (floating leases) and seed 002 (license types, variants, tokens and offline use).',
  entries: [
    {
      id: 'product',
      title: 'Product',
      text: 'A piece of licensed software, e.g. `maya` ("Maya plug-in"). It has [variants](#variant); licenses are issued for one variant of one product.',
    },
    {
      id: 'variant',
      title: 'Variant',
      text: 'A commercial tier of a product (seed 002), e.g. `indie` or `render-farm`: a name and a [policy](#policy). Defined from a [preset](#preset) or from a full policy; changing a variant’s policy affects licenses issued afterwards only, because a license copies its policy when it is issued. A retired variant issues no new licenses.',
    },
    {
      id: 'policy',
      title: 'Policy',
      text: 'The numbers that govern a license: `licenseType`, the machine cap `maxMachines`, `durationDays`, `defaultTrialDays`, offline days by status ([O2](#O2)), the token refresh age ([O3](#O3)), the optional floating overlay (`maxFloatingUsers`, `floatingTimeoutMinutes`), the optional session overlay (`maxSessions`, `interactiveIdleMinutes`, `serviceMaxMinutes`), the activation rate limit ([O5](#O5)), threat detection ([O6](#O6)), the refusal log window ([U2](#U2)) and how long idempotency keys are kept ([F6](#F6)). Every number is a per-policy setting; the seeds’ values are the defaults.',
    },
    {
      id: 'preset',
      title: 'Preset',
      text: 'A ready-made policy. Creating a product defines all six as variants (unless `with_presets` is false): `indie` (2 machines), `studio` (10 machines), `render-farm` (floating, 50 concurrent leases, 15-minute timeout, no offline use), `site` (unlimited machines, geo-spread detection off), `trial` (1 machine, 14-day trials) — the five of seed 002 — and `user-sessions` (seed 000: 10 session slots, 20 idle minutes for interactive sessions, 1 hour at most for service sessions). Reserve accounts on a `user-sessions` license with `PUT /admin/v1/licenses/{license_id}/reserved-accounts`: with 2 of the 10 reserved, those two can always log in and everyone else shares 8 ([S4](#S4)). A license may override a preset’s caps when it is issued (`seats`).',
    },
    {
      id: 'license',
      title: 'License',
      text: 'One issued key for one variant, with a licensee name, an end date (or none: perpetual) and its own copy of the policy. The license is the consistency boundary for its seats: every decision that could over-allocate a seat is taken against that license’s event stream ([F4](#F4)). Its standing is its [status](#status).',
    },
    {
      id: 'license-key',
      title: 'License key',
      text: 'The secret a client presents as `Authorization: License {license_key}`. It is shown once, when the license is issued; the server stores only its SHA-256, so a lost key cannot be shown again (issue a new license). A key is a credential, not a seat.',
    },
    {
      id: 'seat',
      title: 'Seat (slot)',
      text: 'What a license limits. Only a holder occupies a seat — an [activation](#activation), a [lease](#lease) or a [session](#session); a key, a token or a JWT does not ("tokens do not consume licenses", seed 000). Seats are counted per kind: machines against `maxMachines`, leases against `maxFloatingUsers`, sessions against `maxSessions`.',
    },
    {
      id: 'activation',
      title: 'Activation (machine)',
      text: 'A machine bound to a license by its [fingerprint](#fingerprint) with `POST /api/v1/activate` ([M1](#M1)). It holds its seat until it deactivates (`POST /api/v1/deactivate`) or an admin revokes it ([M3](#M3)); it receives a [machine token](#machine-token).',
    },
    {
      id: 'lease',
      title: 'Lease (floating seat)',
      text: 'A floating seat checked out by a machine fingerprint with `POST /api/v1/license/floating/checkout` ([F1](#F1)). It lives `floating_timeout_minutes` (default 15) past its last heartbeat ([F2](#F2), [F5](#F5)) and ends at checkin ([F3](#F3)). Its lease token `llt_…` names it in heartbeat and checkin.',
    },
    {
      id: 'session',
      title: 'Session',
      text: 'A user or service account logged in, taking one slot ([S1](#S1)). Interactive sessions are renewed by activity and released after 20 idle minutes ([S2](#S2)); service sessions last at most one hour ([S3](#S3)). One session is one user ([S5](#S5)).',
    },
    {
      id: 'reserved-account',
      title: 'Reserved account',
      text: 'A username guaranteed a session slot ([S4](#S4)), set per license by an admin. With a cap of 10 and 2 reserved accounts, the other users share the 8 unreserved slots; a reserved account’s first session comes from its reserved slot (`pool: "reserved"`), any further one from the shared pool.',
    },
    {
      id: 'fingerprint',
      title: 'Fingerprint',
      text: 'A machine’s identity as the client computes it (1–256 printable characters), e.g. `render-node-07`. Activating the same fingerprint again takes no new seat ([M1](#M1)); a machine token is bound to it ([M4](#M4)).',
    },
    {
      id: 'machine-token',
      title: 'Machine token',
      text: 'A signed JWT (EdDSA) returned by activate and validate, with the `machineFingerprint` claim ([M4](#M4)), verifiable offline with the public keys at `/.well-known/jwks.json` ([O1](#O1)). It lives as long as the offline allowance of the license’s status ([O2](#O2)) and is refreshed by `/validate` in its refresh window ([O3](#O3)).',
    },
    {
      id: 'envelope',
      title: 'Signed envelope',
      text: 'The `envelope` field of checkout, checkin, activate and validate answers: a compact JWS over the answer’s own fields, signed with the server’s current key, so a client can trust the answer itself (seed 001: "checkout and checkin generate signed runtime envelopes"). A replayed request ([F6](#F6)) returns the same bytes.',
    },
    {
      id: 'access-token',
      title: 'Access token',
      text: 'A signed JWT for operators, sent as `Authorization: Bearer {admin_token}`: role `admin` (the admin API and every query) or `auditor` (audit trail, reports, seats as of a past instant). `npm start` prints one admin token and writes it to `data/admin-token`; an admin mints more with `POST /admin/v1/tokens`.',
    },
    {
      id: 'status',
      title: 'Status',
      text: '`active`, `degraded` (threat level raised, [O6](#O6)), `suspended` (by an admin; reinstated later), `revoked` (for good) or `expired` (past its end date, [O7](#O7)). It decides the offline allowance ([O2](#O2)) and whether anything new may start ([O4](#O4)).',
    },
    {
      id: 'threat-level',
      title: 'Threat level',
      text: 'Raised to degraded by geo-spread or machine-churn detection ([O6](#O6)) or by an admin; a degraded license runs with 1-day tokens until the level is cleared.',
    },
    {
      id: 'refusal',
      title: 'Refusal (denial)',
      text: 'A request the rules said no to — no free seat, a revoked license, a rate limit. Refusals are events ([U2](#U2)): they are counted by reason, so a customer can see whether to buy more seats. Their error codes are listed [below](#errors).',
    },
    {
      id: 'event-position',
      title: 'Event position (X-Event-Position)',
      text: 'Every command answer carries `X-Event-Position`: the global position of what it recorded, a string of decimal digits (it can exceed 2^53). Pass it to the query API as `?after={position}` to read your own write: the query waits (bounded by `READ_YOUR_WRITES_TIMEOUT_MS`) until the read models have passed it, else answers 504 [READ_MODEL_BEHIND](#READ_MODEL_BEHIND).',
    },
    {
      id: 'idempotency-key',
      title: 'Idempotency-Key',
      text: 'A header checkout and checkin require ([F6](#F6)): 1–255 printable characters chosen by the client, e.g. the job id. The same key with the same request returns the first answer, byte for byte, for at least 24 hours; with another request it is [IDEMPOTENCY_KEY_REUSED](#IDEMPOTENCY_KEY_REUSED); while the first is still being decided, [IDEMPOTENCY_KEY_IN_USE](#IDEMPOTENCY_KEY_IN_USE).',
    },
    {
      id: 'placeholders',
      title: 'Placeholders in examples',
      text: 'The OpenAPI examples write values of your installation in braces: `{license_id}`, `{license_key}`, `{product_id}`, `{variant_id}`, `{lease_token}`, `{lease_id}`, `{session_id}`, `{activation_id}`, `{machine_token}`, `{fingerprint}`, `{admin_token}`, `{auditor_token}`, `{position}`. Replace them with your own values; the examples test (`test/api-docs/openapi-examples.e2e-spec.ts`) runs every example with values from fixtures it creates.',
    },
  ],
};
