export * from './event-hash';
export * from './chain-link';
export * from './chain-verifier';
export * from './store/verify-store';
