export * from './payload-encryption.codec';
export * from './temporal-connection';
export * from './workflow-bundle';
export * from './cluster-arrival-worker';
export * from './worker-tracing';
