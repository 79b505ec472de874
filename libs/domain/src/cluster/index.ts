export * from './cluster-watch';
export * from './cluster-watcher';
