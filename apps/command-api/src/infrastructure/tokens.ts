/** Nest injection tokens for what the command API is built from. */
export const EVENT_STORE = Symbol('EventStore');
export const SNAPSHOT_STORE = Symbol('SnapshotStore');
export const LICENSE_REPOSITORY = Symbol('LicenseRepository');
export const PRODUCT_REPOSITORY = Symbol('ProductRepository');
export const KEY_RING = Symbol('KeyRing');
export const CLOCK = Symbol('Clock');
export const CONFIG = Symbol('Config');
export const RANDOM = Symbol('Random');
export const METRICS = Symbol('Metrics');
export const DRAINING = Symbol('Draining');
export const ACCESS_TOKEN_REGISTRY = Symbol('AccessTokenRegistry');
