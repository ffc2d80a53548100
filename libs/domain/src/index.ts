export * from './shared';
export * from './product';
export * from './license';
export * from './access-token';
