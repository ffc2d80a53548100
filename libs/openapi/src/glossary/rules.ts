import type { GlossarySection } from './model';

/**
 * The rule IDs used in summaries, error messages, events and test names. The letter is the
 * area: M machines, F floating, T site, S sessions, O status and offline use, A audit,
 * U usage reports.
 */
export const rules: GlossarySection = {
  id: 'rules',
  title: 'Rules',
  intro:
    'Each rule has a stable ID; tests are named after the rule they prove (`grep -rn "F4:" apps libs test` lists the proofs of F4). Numbers are defaults: every one of them is a per-policy setting. The letter is the area: **M** machines, **F** floating, **T** site, **S** sessions, **O** status, tokens and offline use, **A** audit, **U** usage reports.',
  entries: [
    {
      id: 'M1',
      title: 'M1 — one activation, one machine, one seat',
      text: 'Each activation binds one machine fingerprint and takes one of `maxMachines` seats until it is deactivated. Activating the same fingerprint again takes no new seat.',
    },
    {
      id: 'M2',
      title: 'M2 — full means refused',
      text: 'When every machine seat is taken, activating a new fingerprint is refused ([SEATS_EXHAUSTED](#SEATS_EXHAUSTED)), and the refusal is recorded ([U2](#U2)).',
    },
    {
      id: 'M3',
      title: 'M3 — moving a seat needs a deactivation',
      text: 'A machine frees its seat with `POST /api/v1/deactivate`, or an admin revokes the activation (`DELETE /admin/v1/licenses/{license_id}/activations/{activation_id}`). Admins can list activations on the query API.',
    },
    {
      id: 'M4',
      title: 'M4 — the token names its machine',
      text: 'A machine token carries the fingerprint in its `machineFingerprint` claim; `/validate` refuses a token presented by another machine ([FINGERPRINT_MISMATCH](#FINGERPRINT_MISMATCH)).',
    },
    {
      id: 'F1',
      title: 'F1 — checkout',
      text: '`POST /api/v1/license/floating/checkout` with `Authorization: License {license_key}`, a required `Idempotency-Key` header and `{"fingerprint": "…"}` returns a `lease_token` and `lease_expires_at` in a signed envelope.',
    },
    {
      id: 'F2',
      title: 'F2 — heartbeat',
      text: '`POST /api/v1/license/floating/heartbeat` with `{"lease_token": "…"}` extends the lease by the timeout; it needs no `Idempotency-Key`. Send it well before `lease_expires_at` (the SDK sends one every third of the timeout).',
    },
    {
      id: 'F3',
      title: 'F3 — checkin',
      text: '`POST /api/v1/license/floating/checkin` with an `Idempotency-Key` and the lease token frees the seat at once; its answer is signed too.',
    },
    {
      id: 'F4',
      title: 'F4 — never over the cap',
      text: 'At most `maxFloatingUsers` leases are alive at once; a checkout over the cap is refused ([SEATS_EXHAUSTED](#SEATS_EXHAUSTED)). No interleaving of concurrent requests, on one instance or several, ever exceeds it: each license’s decisions are taken against its own event stream with an expected revision.',
    },
    {
      id: 'F5',
      title: 'F5 — abandoned leases free themselves',
      text: 'A lease with no heartbeat for `floating_timeout_minutes` (default 15) stops counting at that instant, before any clean-up runs; the sweeper then records `LeaseExpired`. A heartbeat after that is [LEASE_EXPIRED](#LEASE_EXPIRED).',
    },
    {
      id: 'F6',
      title: 'F6 — idempotency',
      text: 'The same `Idempotency-Key` with the same request returns the original answer (the same lease, the same signed bytes); with a different request it is [IDEMPOTENCY_KEY_REUSED](#IDEMPOTENCY_KEY_REUSED); while the first is in flight, [IDEMPOTENCY_KEY_IN_USE](#IDEMPOTENCY_KEY_IN_USE). Keys are kept at least 24 hours.',
    },
    {
      id: 'F7',
      title: 'F7 — deactivate releases a floating seat',
      text: 'Render managers call `POST /api/v1/deactivate` when a job completes: it releases the machine’s floating lease too (seed 002).',
    },
    {
      id: 'T1',
      title: 'T1 — site licenses',
      text: 'Unlimited machines and no seat enforcement, but every machine still gets its own activation and token, for the audit trail.',
    },
    {
      id: 'T2',
      title: 'T2 — no geo-spread detection on a site',
      text: 'Geo-spread detection is off for site licenses; machine-churn detection stays on.',
    },
    {
      id: 'S1',
      title: 'S1 — a session is a slot',
      text: 'Opening a session (`POST /api/v1/sessions`) takes a slot; closing it — logout, inactivity, timeout, revocation — frees it. With every slot in use, opening fails ([SEATS_EXHAUSTED](#SEATS_EXHAUSTED)): a valid credential guarantees nothing.',
    },
    {
      id: 'S2',
      title: 'S2 — interactive sessions idle out',
      text: 'Activity (`POST /api/v1/sessions/{session_id}/activity`) renews an interactive session; 20 minutes without it release the slot.',
    },
    {
      id: 'S3',
      title: 'S3 — service sessions last an hour',
      text: 'A service (client-credentials) session lasts at most 1 hour from its start, even while active.',
    },
    {
      id: 'S4',
      title: 'S4 — reserved accounts',
      text: 'Each [reserved account](#reserved-account) is guaranteed a slot; everyone else shares `cap − reserved` slots first-come first-served. Seed 000’s example: 10 slots, 2 reserved — those 2 can always log in, the other users share 8. Reserved accounts obey S2 and S3 like everyone else.',
    },
    {
      id: 'S5',
      title: 'S5 — one session, one user',
      text: 'A session cannot be shared: activity in another user’s name is [SESSION_NOT_SHAREABLE](#SESSION_NOT_SHAREABLE). Admins can list sessions and end one, freeing its slot at once.',
    },
    {
      id: 'S6',
      title: 'S6 — hybrid apps',
      text: 'A backend acts through one dedicated service account; the external users it serves (`on_behalf_of`) take no slot.',
    },
    {
      id: 'O1',
      title: 'O1 — signed, verifiable offline',
      text: 'Tokens and envelopes are EdDSA-signed; the public keys are at `/.well-known/jwks.json`. Rotated-out keys stay there, so issued tokens keep verifying.',
    },
    {
      id: 'O2',
      title: 'O2 — offline allowance by status',
      text: '`active` 30 days; `degraded` 1 day; `suspended` 3 days on a cached token; `revoked` 0.',
    },
    {
      id: 'O3',
      title: 'O3 — token refresh',
      text: 'A token 0–23 days old is returned as is by `/validate`; 23–30 days old gets a new 30-day token; an expired token must activate again. Lifetimes follow the threat level (30 / 1 / 3 days).',
    },
    {
      id: 'O4',
      title: 'O4 — status checked on every validate',
      text: 'A revoked license is refused at once, even while its JWT is unexpired; a suspended one is refused online (its answer says how many offline grace days remain).',
    },
    {
      id: 'O5',
      title: 'O5 — activation rate limit',
      text: '`/activate` allows 15 attempts per hour per key; past that, [RATE_LIMITED](#RATE_LIMITED) with `Retry-After`. A flood of refusals never grows the event store without bound: refusals are recorded once per client and reason per window, the rest tallied.',
    },
    {
      id: 'O6',
      title: 'O6 — threat detection',
      text: 'Machines in too many countries (geo-spread) or too many deactivations in a window (machine churn) raise the threat level to degraded; an admin can raise or clear it too.',
    },
    {
      id: 'O7',
      title: 'O7 — expiry and trials',
      text: 'A license ends `durationDays` after it is issued (renewals extend it); a trial lasts `defaultTrialDays` on one machine. Past the end: [LICENSE_EXPIRED](#LICENSE_EXPIRED).',
    },
    {
      id: 'O8',
      title: 'O8 — the SDK’s token cache',
      text: 'The SDK obfuscates its token cache with the machine fingerprint, so a copied cache file is unreadable on another machine; refresh is transparent.',
    },
    {
      id: 'A1',
      title: 'A1 — every decision is an event',
      text: 'Every issue, activation, deactivation, checkout, heartbeat, checkin, expiry, session change, refusal, suspension and revocation is an event, with who asked (actor), when, and a correlation id.',
    },
    {
      id: 'A2',
      title: 'A2 — read models and the query API',
      text: 'Projections build seat-occupancy and audit read models; the query API serves them, and the dashboard reads the query API. No read model is consulted to take a seat decision.',
    },
    {
      id: 'A3',
      title: 'A3 — replayable history',
      text: 'Every read model can be rebuilt from zero with the same result (`npm run projector:rebuild`, checked by `npm run audit:verify`), and any license’s seats can be seen as they stood at any past instant (`?as_of=`).',
    },
    {
      id: 'U1',
      title: 'U1 — utilization',
      text: 'Peak and average concurrent seats per license over time.',
    },
    {
      id: 'U2',
      title: 'U2 — denials are data',
      text: 'Every refused checkout, activation and session is counted, by reason — the figure that tells a customer whether to buy more seats.',
    },
  ],
};
