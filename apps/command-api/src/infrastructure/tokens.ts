/** Nest injection tokens for what the command API is built from (shared ones: their libraries). */
export { CLOCK } from '@lic/clock';
export { CONFIG } from '@lic/config';
export { EVENT_STORE } from '@lic/event-store';
export { DRAINING, METRICS } from '@lic/app';
export const LICENSE_REPOSITORY = Symbol('LicenseRepository');
export const PRODUCT_REPOSITORY = Symbol('ProductRepository');
export const KEY_RING = Symbol('KeyRing');
export const RANDOM = Symbol('Random');
export const ACCESS_TOKEN_REGISTRY = Symbol('AccessTokenRegistry');
export const SNAPSHOT_STORE = Symbol('SnapshotStore');
