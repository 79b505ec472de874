export * from './projection/case-projection.activities';
