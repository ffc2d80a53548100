export * from './shared';
export * from './product';
export * from './license';
export * from './stored-event';
