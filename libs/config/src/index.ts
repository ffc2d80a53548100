export * from './config';
export * from './env-file';
export * from './ports';
