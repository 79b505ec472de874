export * from './case-history.source';
export * from './history-replay';
export * from './history-events';
export * from './case-timeline';
export * from './read-model.consistency';
export * from './read-model.verifier';
export * from './read-model.rebuild';
export * from './audit-bundle';
