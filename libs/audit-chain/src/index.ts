export * from './event-hash';
export * from './chain-link';
export * from './chain-verifier';
export * from './seal/merkle';
export * from './seal/detached-jws';
export * from './seal/seal';
