export * from './region-code';
