export * from './log-capture';
export * from './prometheus';
