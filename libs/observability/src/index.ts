export * from './correlation';
export * from './http-metrics';
export * from './logger';
export * from './metrics';
export * from './nest-logger';
export * from './projection-lag';
export * from './termination';
export * from './url-redaction';
