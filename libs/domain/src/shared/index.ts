export * from './actor';
export * from './codecs';
export * from './decider';
export * from './errors';
export * from './time';
export * from './bounded';
export * from './problems';
export * from './closed';
