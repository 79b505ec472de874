export * from './json-log';
export * from './nest-json-logger';
export * from './temporal-json-logger';
export * from './tracing';
