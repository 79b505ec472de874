export * from './calendar';
export * from './policy';
export * from './case';
export * from './cluster';
export * from './region';
export * from './time';
