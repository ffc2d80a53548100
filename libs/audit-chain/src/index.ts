export * from './event-hash';
export * from './chain-link';
export * from './chain-verifier';
