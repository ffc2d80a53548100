/** Nest injection tokens of the query API. */
export const READ_DB = Symbol('ReadDb');
export const EVENT_STORE = Symbol('EventStore');
export const CLOCK = Symbol('Clock');
export const ACCESS_TOKEN_VERIFIER = Symbol('AccessTokenVerifier');
export const QUERY_API_SETTINGS = Symbol('QueryApiSettings');
export const METRICS = Symbol('Metrics');
export const LAG_READER = Symbol('LagReader');
export const READY_MAX_LAG = Symbol('ReadyMaxLag');
export const DRAINING = Symbol('Draining');
/** The server's signing keys: the audit export's manifest is signed with the current one. */
export const KEY_RING = Symbol('KeyRing');
