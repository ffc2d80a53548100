export * from './policy';
export * from './policy-limits';
export * from './policy-override';
export * from './presets';
export * from './product.commands';
export * from './product.decider';
export * from './product.events';
export * from './seat-caps';
