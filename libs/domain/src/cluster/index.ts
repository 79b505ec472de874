export * from './cluster-watch';
