export * from './policy';
export * from './presets';
export * from './product.commands';
export * from './product.decider';
export * from './product.events';
