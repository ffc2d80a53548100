export * from './shared';
export * from './product';
export * from './license';
