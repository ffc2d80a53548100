export * from './clock';
export * from './system-clock';
export * from './test-clock';
