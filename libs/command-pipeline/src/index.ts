export * from './aggregate-definition';
export * from './aggregate-repository';
export * from './errors';
export * from './keyed-lock';
export * from './lru-cache';
export * from './stream-reader';
export * from './definitions';
export * from './round-trip';
