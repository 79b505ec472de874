export * from './cluster-watch';
export * from './cluster-watcher';
export * from './cluster-shards';
