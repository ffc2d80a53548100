export * from './access-token.commands';
export * from './access-token.events';
export * from './access-token.decider';
