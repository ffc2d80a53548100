/** Nest injection tokens of the query API. */
export const READ_DB = Symbol('ReadDb');
export const EVENT_STORE = Symbol('EventStore');
export const CLOCK = Symbol('Clock');
export const ACCESS_TOKEN_VERIFIER = Symbol('AccessTokenVerifier');
export const QUERY_API_SETTINGS = Symbol('QueryApiSettings');
