/** Nest injection tokens of the query API (the shared ones come from their libraries). */
export { CLOCK } from '@lic/clock';
export { EVENT_STORE } from '@lic/event-store';
export { DRAINING, METRICS } from '@lic/app';
export const READ_DB = Symbol('ReadDb');
export const ACCESS_TOKEN_VERIFIER = Symbol('AccessTokenVerifier');
export const QUERY_API_SETTINGS = Symbol('QueryApiSettings');
/** The server's signing keys: the audit export's manifest is signed with the current one. */
export const KEY_RING = Symbol('KeyRing');
