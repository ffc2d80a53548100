export * from './clock';
export * from './system-clock';
export * from './test-clock';
export * from './shared-test-clock';
